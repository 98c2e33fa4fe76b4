import { describe, expect, it } from 'vitest';
import { PHASES } from '../../shared/phases.js';
import type { Command } from '../../shared/schemas/commands.js';
import { phaseTabWords, plannedSessionMs, reading, timersAt, warningWindow } from '../../shared/session/timing.js';
import { duration, instant, minutes, seconds } from '../../shared/time.js';
import { ANA, at, begin, ev, liveSession, PLAN, run, T0, type Snap } from './helpers.js';

/** Time is data: a simulated clock is just the `at` of each event and the `now` of each reading. */
const script = (steps: [number, Command][], from: Snap = liveSession()): Snap =>
  run(
    steps.map(([sec, c]) => ev(c, sec)),
    from,
  );
const elapsed = (snap: Snap, sec: number) => {
  const t = timersAt(snap.context, at(sec));
  return { session: t.session?.elapsedMs, phase: t.phase?.elapsedMs, turn: t.turn?.elapsedMs };
};

describe('session, phase and turn time', () => {
  it('leave out a break: the session paused at 70 s and resumed at 370 s', () => {
    const snap = script([
      [10, { type: 'floor.give', memberId: ANA }],
      [70, { type: 'session.pause' }],
      [370, { type: 'session.resume' }],
    ]);
    expect(elapsed(snap, 400)).toEqual({ session: 100_000, phase: 100_000, turn: 90_000 });
  });

  it('stand still while the session is paused', () => {
    const snap = script([
      [10, { type: 'floor.give', memberId: ANA }],
      [70, { type: 'session.pause' }],
    ]);
    expect(elapsed(snap, 70)).toEqual(elapsed(snap, 5000));
    expect(elapsed(snap, 5000)).toEqual({ session: 70_000, phase: 70_000, turn: 60_000 });
  });

  it('a turn the facilitator paused stays paused across a session break', () => {
    let snap = script([
      [10, { type: 'floor.give', memberId: ANA }],
      [40, { type: 'turn.pause' }], // 30 s spoken
      [60, { type: 'session.pause' }],
      [120, { type: 'session.resume' }],
    ]);
    expect(snap.context.floor?.held).toBe(true);
    expect(elapsed(snap, 200)).toEqual({ session: 140_000, phase: 140_000, turn: 30_000 });
    snap = script([[200, { type: 'turn.resume' }]], snap);
    expect(snap.context.floor?.held).toBe(false);
    expect(elapsed(snap, 230)).toEqual({ session: 170_000, phase: 170_000, turn: 60_000 });
    snap = script([[230, { type: 'turn.end' }]], snap);
    expect(snap.context.talk[ANA]).toEqual({ turns: 1, talkMs: 60_000, passes: 0 });
  });

  it('a phase visited twice adds up both visits', () => {
    const snap = script([
      [60, { type: 'phase.goto', phase: 'sharing' }],
      [160, { type: 'phase.goto', phase: 'introduction' }],
    ]);
    const t = timersAt(snap.context, at(190));
    expect(snap.context.phaseMs.introduction).toBe(60_000); // closed visits only
    expect(t.phases.introduction).toBe(90_000); // plus the one under way
    expect(t.phases.sharing).toBe(100_000);
    expect(t.phase?.elapsedMs).toBe(90_000); // the phase timer carries on from the earlier visit (P47)
    expect(PHASES.reduce((sum, p) => sum + t.phases[p], 0)).toBe(t.session?.elapsedMs);
  });

  it('the record closes when the session ends, and stops counting', () => {
    const snap = script([
      [60, { type: 'phase.next' }],
      [100, { type: 'session.pause' }],
      [400, { type: 'session.end' }],
    ]);
    const t = timersAt(snap.context, at(9000));
    expect(snap.context.endedAt).toBe(at(400));
    expect(t.session?.elapsedMs).toBe(100_000);
    expect(t.phase).toBeNull();
    expect(t.phases).toMatchObject({ introduction: 60_000, sharing: 40_000, facilitation: 0 });
  });

  it('is never negative, even for a moment before the start', () => {
    const snap = script([[10, { type: 'floor.give', memberId: ANA }]]);
    const t = timersAt(snap.context, instant(T0 - 5000));
    expect([t.session?.elapsedMs, t.phase?.elapsedMs, t.turn?.elapsedMs]).toEqual([0, 0, 0]);
    expect(Object.values(t.phases).every((ms) => ms === 0)).toBe(true);
  });

  it('shows nothing before the session starts', () => {
    const t = timersAt(run([]).context, at(10));
    expect([t.session, t.phase, t.turn]).toEqual([null, null, null]);
  });
});

describe('warning and overtime', () => {
  it('the warning window is a fifth of the plan, but never more than two minutes', () => {
    expect(warningWindow(minutes(5))).toBe(60_000);
    expect(warningWindow(seconds(120))).toBe(24_000);
    expect(warningWindow(minutes(10))).toBe(120_000);
    expect(warningWindow(minutes(75))).toBe(120_000);
  });

  it('the sharing timer (20 min) warns from 18:00 and is over after 20:00', () => {
    const snap = script([[0, { type: 'phase.goto', phase: 'sharing' }]], liveSession([], [ANA]));
    const phaseAt = (ms: number) => timersAt(snap.context, instant(T0 + ms)).phase;
    expect(phaseAt(minutes(18) - 1)).toMatchObject({ warning: false, over: false, remainingMs: 120_001 });
    expect(phaseAt(minutes(18))).toMatchObject({ warning: true, over: false, plannedMs: minutes(20) });
    expect(phaseAt(minutes(20))).toMatchObject({ warning: true, over: false, remainingMs: 0 });
    expect(phaseAt(minutes(20) + 1)).toMatchObject({ warning: false, over: true, remainingMs: -1 });
  });

  it('a 2-minute turn warns in its last 24 seconds and then shows overtime, never stopping', () => {
    const snap = script([[10, { type: 'floor.give', memberId: ANA }]]);
    const turnAt = (sec: number) => timersAt(snap.context, at(10 + sec)).turn;
    expect(turnAt(95)).toMatchObject({ warning: false, over: false });
    expect(turnAt(96)).toMatchObject({ warning: true, over: false, remainingMs: 24_000 });
    expect(turnAt(300)).toMatchObject({ warning: false, over: true, remainingMs: -180_000, elapsedMs: 300_000 });
    expect(snap.context.floor?.memberId).toBe(ANA);
  });

  it('the session timer is planned as the sum of the phases', () => {
    const snap = liveSession();
    expect(plannedSessionMs(snap.context)).toBe(minutes(75));
    expect(timersAt(snap.context, at(60 * 73)).session).toMatchObject({ plannedMs: minutes(75), warning: true });
    expect(PLAN.phaseMinutes.sharing).toBe(20);
  });

  it('a reading without a plan never warns', () => {
    expect(reading(duration(10 ** 9), null)).toEqual({
      elapsedMs: 10 ** 9,
      plannedMs: null,
      remainingMs: null,
      warning: false,
      over: false,
    });
  });
});

describe('[P47] the phase tabs agree with the Phase timer', () => {
  it('a tab says over at the very instant the timer does, not "2 / 2 min"', () => {
    const plan = { ...PLAN, phaseMinutes: { ...PLAN.phaseMinutes, introduction: 2 } };
    const snap = run(
      [ev({ type: 'attendance.mark', memberId: ANA, mark: 'present' }, 0), ev({ type: 'session.start' }, 0)],
      begin([ANA], plan),
    );
    for (const ms of [minutes(2) - 1, minutes(2), minutes(2) + 1, minutes(2) + 59_000]) {
      const t = timersAt(snap.context, instant(T0 + ms));
      const tab = phaseTabWords(t.phaseReadings.introduction);
      expect(t.phase).toBe(t.phaseReadings.introduction); // one reading for both
      expect(tab.over).toBe(t.phase!.over);
    }
    expect(phaseTabWords(timersAt(snap.context, instant(T0 + minutes(2))).phaseReadings.introduction)).toEqual({
      used: '2 / 2 min',
      over: false,
    });
    expect(phaseTabWords(timersAt(snap.context, instant(T0 + minutes(2) + 1)).phaseReadings.introduction)).toEqual({
      used: '2 / 2 min',
      over: true,
    });
  });

  it('a phase gone back to reads the same on its tab and its timer: all its visits against its plan', () => {
    const snap = script([
      [60, { type: 'phase.goto', phase: 'sharing' }],
      [60 + 21 * 60, { type: 'phase.goto', phase: 'introduction' }],
      [60 + 22 * 60, { type: 'phase.goto', phase: 'sharing' }],
    ]);
    const t = timersAt(snap.context, at(60 + 22 * 60 + 30));
    expect(t.phase).toMatchObject({ elapsedMs: minutes(21) + 30_000, over: true });
    expect(phaseTabWords(t.phaseReadings.sharing)).toEqual({ used: '21 / 20 min', over: true });
    expect(phaseTabWords(t.phaseReadings.facilitation)).toEqual({ used: '0 / 20 min', over: false });
  });
});
