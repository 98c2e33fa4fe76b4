import { describe, expect, it } from 'vitest';
import type { Command } from '../../shared/schemas/commands.js';
import { passedTwice, roundProgress, upNext } from '../../shared/session/round.js';
import { reasonAgainst } from '../../shared/session/rules.js';
import { ANA, BEN, CLEO, DEV, ev, liveSession, run, send, STRANGER, type Snap } from './helpers.js';

/** Go-rounds that know the room: a chosen start and direction, Up next, late arrivals, passed twice (issue 16 §2, §3). */

const next: Command = { type: 'floor.next' };
const pass: Command = { type: 'round.pass' };

function then(snap: Snap, commands: Command[], start = 100): Snap {
  return run(
    commands.map((c, i) => ev(c, start + i * 10)),
    snap,
  );
}

/** The members the round will give the floor to, in order, by pressing Next speaker until it ends. */
function speakers(snap: Snap): string[] {
  const heard: string[] = [];
  let s = snap;
  for (let i = 0; s.context.round && i < 20; i++) {
    heard.push(s.context.floor!.memberId);
    s = then(s, [next], 1000 + i * 10);
  }
  return heard;
}

describe('where a go-round starts and which way it goes', () => {
  it('[P38] starts at the chosen member and goes counter-clockwise', () => {
    const snap = then(liveSession(), [{ type: 'round.start', firstMemberId: CLEO, direction: 'counterclockwise' }]);
    expect(snap.context.round?.order).toEqual([CLEO, BEN, ANA, DEV]);
    expect(speakers(snap)).toEqual([CLEO, BEN, ANA, DEV]);
  });

  it('[P38] starts at the chosen member and goes clockwise, wrapping round the circle', () => {
    const snap = then(liveSession(), [{ type: 'round.start', firstMemberId: CLEO, direction: 'clockwise' }]);
    expect(speakers(snap)).toEqual([CLEO, DEV, ANA, BEN]);
  });

  it('[P38] without a choice it starts at seat 1 and goes clockwise, as before', () => {
    const snap = then(liveSession(), [{ type: 'round.start' }]);
    expect(snap.context.round).toMatchObject({ startSeat: ANA, direction: 'clockwise' });
    expect(speakers(snap)).toEqual([ANA, BEN, CLEO, DEV]);
  });

  it.each([
    ['a stranger', STRANGER, 'That member is not in this group.'],
    ['a member not here yet', DEV, 'That member is not marked present.'],
  ])('[P38] a first member who is %s is refused', (_, firstMemberId, reason) => {
    const snap = liveSession([], [ANA, BEN, CLEO]);
    const event = ev({ type: 'round.start', firstMemberId }, 50);
    expect(reasonAgainst(snap.context, event)).toBe(reason);
    expect(send(snap, event)).toBe(snap);
  });

  it('[P38] a first member who has stepped out is refused', () => {
    const snap = liveSession([ev({ type: 'member.stepOut', memberId: BEN }, 10)]);
    expect(reasonAgainst(snap.context, ev({ type: 'round.start', firstMemberId: BEN }, 50))).toBe('That member has stepped out.');
  });
});

describe('up next', () => {
  it('[P39] names whom Next speaker would give the floor to, through the first pass and the come-back', () => {
    let snap = then(liveSession(), [{ type: 'round.start', firstMemberId: BEN, direction: 'counterclockwise' }]);
    expect(upNext(snap.context)).toBe(ANA);
    snap = then(snap, [{ type: 'member.stepOut', memberId: ANA }], 200);
    expect(upNext(snap.context)).toBe(DEV); // Ana is out: skipped now, come back to later
    snap = then(snap, [pass, { type: 'member.return', memberId: ANA }], 300); // Ben passes; Dev is up
    expect(snap.context.floor?.memberId).toBe(DEV);
    expect(upNext(snap.context)).toBe(CLEO);
    snap = then(snap, [next], 400); // Cleo is up; then back to Ben (passed), Ana (was out)
    expect(upNext(snap.context)).toBe(BEN);
    snap = then(snap, [next, next], 500);
    expect(snap.context.floor?.memberId).toBe(ANA);
    expect(upNext(snap.context)).toBeNull(); // the round ends with Ana
  });

  it('[P39] without a round, names the first queued member in the room', () => {
    const snap = liveSession([
      ev({ type: 'queue.add', memberId: CLEO }, 10),
      ev({ type: 'queue.add', memberId: ANA }, 11),
      ev({ type: 'member.stepOut', memberId: CLEO }, 12),
    ]);
    expect(snap.context.queue).toEqual([ANA]); // stepping out takes Cleo out of the queue
    expect(upNext(snap.context)).toBe(ANA);
    expect(upNext(liveSession().context)).toBeNull();
  });

  it('[P39] the round counts only members still attending: one who left is in neither number', () => {
    let snap = then(liveSession(), [{ type: 'round.start' }, next]);
    expect(roundProgress(snap.context)).toEqual({ reached: 2, of: 4 });
    snap = then(snap, [{ type: 'attendance.mark', memberId: DEV, mark: 'left' }], 200);
    expect(roundProgress(snap.context)).toEqual({ reached: 2, of: 3 });
    snap = then(snap, [{ type: 'attendance.mark', memberId: ANA, mark: 'left' }], 300);
    expect(roundProgress(snap.context)).toEqual({ reached: 1, of: 2 });
  });
});

describe('passed twice', () => {
  it('[P40] a member who passes in the first pass and again when come back to is shown as passed twice', () => {
    let snap = then(liveSession([], [ANA, BEN]), [{ type: 'round.start' }, pass]);
    expect(passedTwice(snap.context.round, ANA)).toBe(false);
    snap = then(snap, [next], 200); // back to Ana
    expect(snap.context.floor?.memberId).toBe(ANA);
    const last = then(snap, [pass], 300);
    expect(last.context.round).toBeNull(); // nobody left: the round is over
    expect(last.context.talk[ANA]?.passes).toBe(2);
    // While the round runs with a member passed twice, it says so.
    const three = then(liveSession([], [ANA, BEN, CLEO]), [{ type: 'round.start' }, pass, pass, next, pass], 100);
    expect(three.context.floor?.memberId).toBe(BEN); // come back to after Ana
    expect(three.context.round?.passed).toEqual([ANA, BEN, ANA]);
    expect(passedTwice(three.context.round, ANA)).toBe(true);
    expect(passedTwice(three.context.round, BEN)).toBe(false);
  });
});

describe('a late arrival joins the go-round under way', () => {
  const inRound = () => then(liveSession([], [ANA, CLEO]), [{ type: 'round.start' }]);

  it('[P37] at the end by default: after everyone else in the first pass, and counted', () => {
    const snap = then(inRound(), [{ type: 'attendance.mark', memberId: BEN, mark: 'late' }]);
    expect(snap.context.round?.pending).toEqual([CLEO, BEN]);
    expect(roundProgress(snap.context)).toEqual({ reached: 1, of: 3 });
    expect(speakers(snap)).toEqual([ANA, CLEO, BEN]);
  });

  it('[P37] at their seat when the facilitator chooses and the round has not reached it', () => {
    const snap = then(inRound(), [{ type: 'attendance.mark', memberId: BEN, mark: 'late', joinRound: 'seat' }]);
    expect(snap.context.round?.pending).toEqual([BEN, CLEO]);
    expect(speakers(snap)).toEqual([ANA, BEN, CLEO]);
  });

  it('[P37] at their seat is refused once the round has passed it, or when it is coming back', () => {
    const past = then(liveSession([], [BEN, CLEO]), [{ type: 'round.start' }, next]); // Cleo is up, Ben's seat done
    const seat = ev({ type: 'attendance.mark', memberId: ANA, mark: 'late', joinRound: 'seat' }, 500);
    expect(reasonAgainst(past.context, seat)).toBe('The go-round has already passed their seat: add them at the end.');
    expect(send(past, seat)).toBe(past);
    const back = then(liveSession([], [BEN, CLEO]), [{ type: 'round.start' }, pass], 100); // Cleo up; Ben to come back to
    const returning = then(back, [next], 200);
    expect(returning.context.round?.returning).toBe(true);
    expect(reasonAgainst(returning.context, seat)).toBe('The go-round is coming back to those who passed: add them at the end.');
    // At the end is always possible: while coming back, they are come back to last.
    const joined = run([ev({ type: 'attendance.mark', memberId: ANA, mark: 'late', joinRound: 'end' }, 500)], returning);
    expect(joined.context.round?.comeBack).toEqual([ANA]);
  });

  it('[P37] at their seat without a go-round is refused; a plain late mark is fine', () => {
    const snap = liveSession([], [ANA]);
    expect(reasonAgainst(snap.context, ev({ type: 'attendance.mark', memberId: BEN, mark: 'late', joinRound: 'seat' }, 50))).toBe(
      'No go-round is under way.',
    );
    expect(reasonAgainst(snap.context, ev({ type: 'attendance.mark', memberId: BEN, mark: 'late' }, 50))).toBeNull();
  });

  it('[P37] a member corrected back to present during a round joins it at the end', () => {
    const snap = then(liveSession(), [
      { type: 'attendance.mark', memberId: DEV, mark: 'left' },
      { type: 'round.start' },
      { type: 'attendance.correct', memberId: DEV, status: 'present' },
    ]);
    expect(snap.context.round?.order).toEqual([ANA, BEN, CLEO, DEV]);
    expect(snap.context.round?.pending).toEqual([BEN, CLEO, DEV]);
  });
});
