import { describe, expect, it } from 'vitest';
import { refusalOf } from '../../shared/session/refusal.js';
import { reasonAgainst } from '../../shared/session/rules.js';
import { ANA, at, BEN, CLEO, DEV, ev, liveSession, markPresent, MEMBERS, run, send, STRANGER, begin } from './helpers.js';

/** Not here yet, late in the lobby, and corrections that leave the record honest (issue 16 §1, §2, §5). */

const statuses = (snap: ReturnType<typeof begin>) => MEMBERS.map((id) => snap.context.attendance[id]!.status);

describe('not here yet is not absent', () => {
  it('[P35] a member never marked stays expected through the session and becomes absent only when it ends', () => {
    const live = liveSession([ev({ type: 'phase.next' }, 60)], [ANA, BEN]);
    expect(statuses(live)).toEqual(['present', 'present', 'expected', 'expected']);
    const ended = run([ev({ type: 'session.end' }, 900)], live);
    expect(statuses(ended)).toEqual(['present', 'present', 'absent', 'absent']);
  });

  it('[P35] a member not here yet can be marked absent during the session, or arrive late', () => {
    const snap = liveSession(
      [
        ev({ type: 'attendance.mark', memberId: CLEO, mark: 'absent' }, 60),
        ev({ type: 'attendance.mark', memberId: DEV, mark: 'late' }, 70),
      ],
      [ANA, BEN],
    );
    expect(statuses(snap)).toEqual(['present', 'present', 'absent', 'late']);
    expect(snap.context.attendance[DEV]!.arrivedAt).toBe(at(70));
  });

  it('[P35] a planned session cancelled from the lobby marks nobody absent: it took no attendance', () => {
    const cancelled = run([ev({ type: 'session.end' }, 10)]);
    expect(statuses(cancelled)).toEqual(['expected', 'expected', 'expected', 'expected']);
  });
});

describe('late in the lobby', () => {
  it('[P36] "late" before the session has started is refused; present is the mark there', () => {
    const lobby = run(markPresent([ANA]));
    const late = ev({ type: 'attendance.mark', memberId: BEN, mark: 'late' }, 5);
    expect(reasonAgainst(lobby.context, late)).toBe('The session has not started: mark them present.');
    expect(send(lobby, late)).toBe(lobby);
    expect(refusalOf('lobby', lobby.context, late)?.code).toBe('NOT_ALLOWED');
    // Once started, the same mark is accepted.
    expect(send(liveSession([], [ANA]), late)).not.toBe(lobby);
  });
});

describe('corrections', () => {
  const leftEarly = () =>
    liveSession([ev({ type: 'floor.give', memberId: BEN }, 30), ev({ type: 'attendance.mark', memberId: BEN, mark: 'left' }, 60)]);

  it('[P41] a mistaken "Left early" is corrected: status back, the correction recorded with who and when, the mark kept in the log', () => {
    const before = leftEarly();
    expect(before.context.attendance[BEN]!.status).toBe('left');
    const event = { ...ev({ type: 'attendance.correct', memberId: BEN, status: 'present' }, 90, 'co-1'), id: 'fix-1' };
    const after = run([event], before);
    expect(after.context.attendance[BEN]).toMatchObject({ status: 'present', leftAt: null, arrivedAt: null });
    expect(after.context.corrections).toEqual([{ id: 'fix-1', memberId: BEN, from: 'left', to: 'present', at: at(90), by: 'co-1' }]);
  });

  it('[P41] correcting to absent or left takes the member off the floor and out of the queue, as the mark would', () => {
    const snap = liveSession([ev({ type: 'floor.give', memberId: ANA }, 10), ev({ type: 'queue.add', memberId: BEN }, 20)]);
    const fixed = run(
      [
        ev({ type: 'attendance.correct', memberId: ANA, status: 'absent' }, 30),
        ev({ type: 'attendance.correct', memberId: BEN, status: 'left' }, 40),
      ],
      snap,
    );
    expect(fixed.context.floor).toBeNull();
    expect(fixed.context.queue).toEqual([]);
    expect(fixed.context.attendance[BEN]).toMatchObject({ status: 'left', leftAt: at(40) });
    expect(fixed.context.corrections.map((c) => [c.memberId, c.from, c.to])).toEqual([
      [ANA, 'present', 'absent'],
      [BEN, 'present', 'left'],
    ]);
  });

  it.each([
    ['a stranger', STRANGER, 'present', 'That member is not in this group.'],
    ['a member not marked yet', CLEO, 'present', 'That member has not been marked yet: mark them instead.'],
    ['to the status they have', ANA, 'present', 'That member is already marked present.'],
  ] as const)('[P41] a correction of %s is refused with the reason', (_, memberId, status, reason) => {
    const snap = liveSession([], [ANA, BEN]);
    const event = ev({ type: 'attendance.correct', memberId, status }, 50);
    expect(reasonAgainst(snap.context, event)).toBe(reason);
    expect(send(snap, event)).toBe(snap);
  });

  it('[P41] a correction in the lobby is refused as the wrong state: marks there are simply changed', () => {
    const lobby = run(markPresent([ANA]));
    const event = ev({ type: 'attendance.correct', memberId: ANA, status: 'absent' }, 5);
    expect(refusalOf('lobby', lobby.context, event)?.code).toBe('WRONG_STATE');
    expect(send(lobby, event)).toBe(lobby);
  });
});
