import type { StateUpdate } from '../../../shared/protocol.js';
import type { Command } from '../../../shared/schemas/commands.js';
import { nextPhaseAfter } from '../../../shared/phases.js';

/**
 * A model facilitator: from the state a screen shows, picks a command a person at that screen
 * could press — mostly ones that apply, weighted roughly as a session uses them. Races between
 * two screens still make some of them fail, as they would for people. Never ends the session.
 */
export interface Choice {
  command: Command;
  /** The version the screen shows, for the commands whose meaning depends on it. */
  expectedVersion?: number;
}

export function plausibleCommand(update: StateUpdate, actorId: string, rand: () => number): Choice {
  const { context: ctx, status } = update.state;
  const version = update.version;
  const pick = <T>(xs: readonly T[]): T | undefined => xs[Math.floor(rand() * xs.length)];
  const members = ctx.seats;
  const present = members.filter((id) => ['present', 'late'].includes(ctx.attendance[id]!.status));
  const inRoom = present.filter((id) => ctx.attendance[id]!.steppedOutAt === null);
  const options: [number, () => Choice | null][] = [];
  const add = (weight: number, make: () => Choice | null) => options.push([weight, make]);

  const note = (): Choice => ({
    command: {
      type: 'note.add',
      text: `Observation ${Math.floor(rand() * 1000)}.`,
      memberId: pick(members) ?? null,
      private: rand() < 0.2,
    },
  });
  const signalToAck = ctx.signals.find((s) => s.ackedAt === null && s.from !== actorId);

  if (status === 'lobby') {
    const expected = members.filter((id) => ctx.attendance[id]!.status === 'expected');
    if (expected.length)
      // "Late" is refused before the start (P36): late arrivals are marked once the session runs.
      add(8, () => ({ command: { type: 'attendance.mark', memberId: pick(expected)!, mark: 'present' } }));
    if (present.length) add(expected.length ? 1 : 8, () => ({ command: { type: 'session.start' } }));
    add(1, note);
  } else if (status === 'paused') {
    add(6, () => ({ command: { type: 'session.resume' } }));
    const notQueued = inRoom.filter((id) => !ctx.queue.includes(id) && ctx.floor?.memberId !== id);
    if (notQueued.length) add(1, () => ({ command: { type: 'queue.add', memberId: pick(notQueued)! } }));
    add(1, note);
  } else if (status === 'live') {
    const notQueued = inRoom.filter((id) => !ctx.queue.includes(id) && ctx.floor?.memberId !== id);
    if (notQueued.length) add(6, () => ({ command: { type: 'queue.add', memberId: pick(notQueued)! } }));
    if (ctx.queue.length) add(3, () => ({ command: { type: 'queue.remove', memberId: pick(ctx.queue)! } }));
    if (ctx.queue.length || ctx.round) add(6, () => ({ command: { type: 'floor.next' }, expectedVersion: version }));
    const giveTo = inRoom.filter((id) => ctx.floor?.memberId !== id);
    if (giveTo.length) add(4, () => ({ command: { type: 'floor.give', memberId: pick(giveTo)! } }));
    if (ctx.floor) {
      add(3, () => ({ command: { type: ctx.floor!.held ? 'turn.resume' : 'turn.pause' } }));
      add(2, () => ({ command: { type: 'turn.end' }, expectedVersion: version }));
    }
    if (!ctx.round && inRoom.length) add(1, () => ({ command: { type: 'round.start' } }));
    if (ctx.round?.current) add(2, () => ({ command: { type: 'round.pass' }, expectedVersion: version }));
    if (ctx.round) add(1, () => ({ command: { type: 'round.end' } }));
    if (ctx.phase && nextPhaseAfter(ctx.phase.name)) add(1, () => ({ command: { type: 'phase.next' }, expectedVersion: version }));
    if (!ctx.agreementsReviewedAt) add(1, () => ({ command: { type: 'agreements.reviewed' } }));
    const out = present.filter((id) => ctx.attendance[id]!.steppedOutAt !== null);
    if (out.length) add(2, () => ({ command: { type: 'member.return', memberId: pick(out)! } }));
    else if (inRoom.length > 2) add(1, () => ({ command: { type: 'member.stepOut', memberId: pick(inRoom)! } }));
    add(1, () => ({ command: { type: 'session.pause' } }));
    add(2, note);
    add(1, () => ({
      command: { type: 'signal.send', kind: pick(['fiveMinutes', 'wrapUp', 'illTakeThis', 'nextPhase'] as const)! },
    }));
    if (signalToAck) add(3, () => ({ command: { type: 'signal.ack', signalId: signalToAck.id } }));
    add(0.3, () => ({ command: { type: 'flag.raise', kind: 'other', memberId: pick(members) ?? null, text: null } }));
  }
  if (!options.length) return note();
  const total = options.reduce((s, [w]) => s + w, 0);
  let r = rand() * total;
  for (const [w, make] of options) {
    r -= w;
    if (r <= 0) return make() ?? note();
  }
  return options.at(-1)![1]() ?? note();
}
