/**
 * The command mix every load uses, one cycle of eight per session, sent from the session's three
 * screens in turn. Each is a real command Holdspace accepts in a live session, and the cycle
 * leaves the session as it found it except for one note: the queue fills and empties, a turn is
 * held and resumed, the floor passes between two members (talk tallies change), and one note in
 * eight makes the state grow a little, as a real session's record does. A session whose context
 * grew without bound (notes only) would measure JSON size, not the pipeline; one that never grew
 * (pause/resume only) would flatter it.
 */
export type Member = string;

export interface CycleState {
  step: number;
  /** Which of the two floor-holders gets the floor next. */
  toggle: boolean;
}

export function nextCommand(members: readonly Member[], state: CycleState): Record<string, unknown> {
  const [m0, m1, m2, m3] = members as [Member, Member, Member, Member];
  const step = state.step++ % 8;
  switch (step) {
    case 0:
      return { type: 'queue.add', memberId: m1 };
    case 1:
      return { type: 'queue.add', memberId: m2 };
    case 2:
      return { type: 'turn.pause' };
    case 3:
      return { type: 'queue.remove', memberId: m1 };
    case 4:
      return { type: 'turn.resume' };
    case 5:
      return { type: 'queue.remove', memberId: m2 };
    case 6:
      state.toggle = !state.toggle;
      return { type: 'floor.give', memberId: state.toggle ? m3 : m0 };
    default:
      return { type: 'note.add', text: 'Steady today; engaged with the group.', memberId: null, private: false };
  }
}

export const MIX_DESCRIPTION =
  'cycle of 8 per session from its 3 screens in turn: queue.add ×2, turn.pause, queue.remove, turn.resume, queue.remove, floor.give (alternating two members), note.add';
