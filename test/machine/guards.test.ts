import { describe, expect, it } from 'vitest';
import type { Command } from '../../shared/schemas/commands.js';
import { reasonAgainst } from '../../shared/session/rules.js';
import { ANA, BEN, CO, ev, liveSession, markPresent, MEMBERS, run, send, STRANGER, type Snap } from './helpers.js';

/** A facilitator reads the reason in the ack: a whole sentence, capitalised, with a full stop. */
const SENTENCE = /^[A-Z][^\n]{5,}[.]$/;

interface Refusal {
  story: string;
  snap: () => Snap;
  command: Command;
  actor?: string;
  reason: RegExp;
}

const REFUSALS: Refusal[] = [
  {
    story: 'the lead cannot start a session with nobody marked present',
    snap: () => run([ev({ type: 'attendance.mark', memberId: ANA, mark: 'absent' })]),
    command: { type: 'session.start' },
    reason: /at least one member present/,
  },
  {
    story: '"Next speaker" with an empty queue does nothing',
    snap: () => liveSession(),
    command: { type: 'floor.next' },
    reason: /queue is empty/,
  },
  {
    story: '"Next speaker" with an empty queue does nothing, even while someone speaks',
    snap: () => liveSession([ev({ type: 'floor.give', memberId: ANA }, 5)]),
    command: { type: 'floor.next' },
    reason: /queue is empty/,
  },
  {
    story: 'the floor cannot go to a member marked absent',
    snap: () => liveSession([], [ANA]), // the others were never marked, so the start made them absent
    command: { type: 'floor.give', memberId: BEN },
    reason: /not marked present/,
  },
  {
    story: 'the floor cannot go to a member who stepped out',
    snap: () => liveSession([ev({ type: 'member.stepOut', memberId: ANA }, 5)]),
    command: { type: 'floor.give', memberId: ANA },
    reason: /stepped out/,
  },
  {
    story: 'the floor cannot go to someone who is not in the group',
    snap: () => liveSession(),
    command: { type: 'floor.give', memberId: STRANGER },
    reason: /not in this group/,
  },
  {
    story: 'the floor cannot be given to the member who already has it',
    snap: () => liveSession([ev({ type: 'floor.give', memberId: ANA }, 5)]),
    command: { type: 'floor.give', memberId: ANA },
    reason: /already has the floor/,
  },
  {
    story: 'a member cannot be put in the queue twice',
    snap: () => liveSession([ev({ type: 'queue.add', memberId: ANA }, 5)]),
    command: { type: 'queue.add', memberId: ANA },
    reason: /already in the queue/,
  },
  {
    story: 'the speaker cannot be queued behind themselves',
    snap: () => liveSession([ev({ type: 'floor.give', memberId: ANA }, 5)]),
    command: { type: 'queue.add', memberId: ANA },
    reason: /has the floor/,
  },
  {
    story: '"Go to Introduction" from the introduction is refused',
    snap: () => liveSession(),
    command: { type: 'phase.goto', phase: 'introduction' },
    reason: /already in Introduction/,
  },
  {
    story: '"Next phase" from feedback is refused: end the session instead',
    snap: () => liveSession([ev({ type: 'phase.goto', phase: 'feedback' }, 5)]),
    command: { type: 'phase.next' },
    reason: /last phase/,
  },
  {
    story: 'a facilitator cannot acknowledge the signal they sent',
    snap: () => liveSession([{ ...ev({ type: 'signal.send', kind: 'wrapUp' }, 5, CO), id: 'sig-1' }]),
    command: { type: 'signal.ack', signalId: 'sig-1' },
    actor: CO,
    reason: /signal you sent/,
  },
  {
    story: 'a signal is acknowledged once',
    snap: () =>
      liveSession([
        { ...ev({ type: 'signal.send', kind: 'wrapUp' }, 5, CO), id: 'sig-1' },
        ev({ type: 'signal.ack', signalId: 'sig-1' }, 6),
      ]),
    command: { type: 'signal.ack', signalId: 'sig-1' },
    reason: /already acknowledged/,
  },
  {
    story: 'a turn cannot be paused twice',
    snap: () => liveSession([ev({ type: 'floor.give', memberId: ANA }, 5), ev({ type: 'turn.pause' }, 6)]),
    command: { type: 'turn.pause' },
    reason: /already paused/,
  },
  {
    story: 'a second go-round cannot start while one is under way',
    snap: () => liveSession([ev({ type: 'round.start' }, 5)]),
    command: { type: 'round.start' },
    reason: /already under way/,
  },
  {
    story: 'a member cannot be moved past the end of the queue',
    snap: () => liveSession([ev({ type: 'queue.add', memberId: ANA }, 5)]),
    command: { type: 'queue.move', memberId: ANA, toIndex: 1 },
    reason: /past the end/,
  },
  {
    story: 'a flag cannot name someone outside the group',
    snap: () => liveSession(),
    command: { type: 'flag.raise', kind: 'risk', memberId: STRANGER, text: null },
    reason: /not in this group/,
  },
];

describe('guards: what the rules refuse, and why', () => {
  it.each(REFUSALS)('$story', ({ snap, command, actor, reason }) => {
    const before = snap();
    const event = ev(command, 60, actor);
    const why = reasonAgainst(before.context, event);
    expect(why).toMatch(reason);
    expect(why).toMatch(SENTENCE);
    expect(before.can(event)).toBe(false);
    expect(send(before, event)).toBe(before);
  });

  it('the other facilitator may acknowledge the same signal', () => {
    const snap = liveSession([{ ...ev({ type: 'signal.send', kind: 'wrapUp' }, 5, CO), id: 'sig-1' }]);
    const event = ev({ type: 'signal.ack', signalId: 'sig-1' }, 9);
    expect(reasonAgainst(snap.context, event)).toBeNull();
    const after = send(snap, event);
    expect(after.context.signals).toEqual([expect.objectContaining({ id: 'sig-1', from: CO, ackedBy: 'lead-1', ackedAt: event.at })]);
  });

  it('[P35] starting leaves everyone still unmarked not here yet (expected), not absent', () => {
    const snap = run([
      ...markPresent([ANA]),
      ev({ type: 'attendance.mark', memberId: BEN, mark: 'absent' }),
      ev({ type: 'session.start' }),
    ]);
    expect(MEMBERS.map((id) => snap.context.attendance[id]?.status)).toEqual(['present', 'absent', 'expected', 'expected']);
    expect(snap.value).toEqual({ live: 'introduction' });
  });
});
