import { describe, expect, it } from 'vitest';
import { describeExercise, exerciseAt, type Exercise } from '../../shared/session/exercise.js';
import { reasonAgainst } from '../../shared/session/rules.js';
import { instant } from '../../shared/time.js';
import { ANA, at, begin, ev, PLAN, run, send, T0 } from './helpers.js';

/** The skill's exercise timer (issue 16 item 10): time is data, like every clock of the session. */
const skill = (plan = PLAN) =>
  run(
    [
      ev({ type: 'attendance.mark', memberId: ANA, mark: 'present' }, 0),
      ev({ type: 'session.start' }, 0),
      ev({ type: 'phase.goto', phase: 'skillDevelopment' }, 10),
    ],
    begin([ANA], plan),
  );

describe('[P48] the exercise timer in the machine', () => {
  it('starts at the time on its event and stops on request', () => {
    const started = send(skill(), ev({ type: 'exercise.start' }, 20));
    expect(started.context.exercise).toEqual({ startedAt: at(20), pausedAt: null, pausedMs: 0 });
    const stopped = send(started, ev({ type: 'exercise.stop' }, 50));
    expect(stopped.context.exercise).toBeNull();
  });

  it('is refused without an exercise in the plan, twice, or stopped when not running', () => {
    const bare = skill({ ...PLAN, exercise: null });
    const start = ev({ type: 'exercise.start' }, 20);
    expect(reasonAgainst(bare.context, start)).toBe('The plan has no exercise for this skill.');
    expect(send(bare, start)).toBe(bare);
    const started = send(skill(), start);
    expect(send(started, ev({ type: 'exercise.start' }, 21))).toBe(started);
    const stop = ev({ type: 'exercise.stop' }, 21);
    expect(reasonAgainst(skill().context, stop)).toBe('No exercise is running.');
  });

  it('pauses with the session, and stops when the phase is left or the session ends', () => {
    const started = send(skill(), ev({ type: 'exercise.start' }, 20));
    const paused = run([ev({ type: 'session.pause' }, 30), ev({ type: 'session.resume' }, 90)], started);
    expect(paused.context.exercise).toMatchObject({ startedAt: at(20), pausedAt: null, pausedMs: 60_000 });
    expect(send(paused, ev({ type: 'session.pause' }, 95)).context.exercise?.pausedAt).toBe(at(95));
    expect(send(started, ev({ type: 'phase.next' }, 40)).context.exercise).toBeNull();
    expect(send(started, ev({ type: 'session.end' }, 40)).context.exercise).toBeNull();
  });

  it('restores from a context saved before the exercise existed (no field at all)', () => {
    const { exercise: _gone, ...old } = skill().context;
    const snap = { ...skill(), context: old } as ReturnType<typeof skill>;
    expect(send(snap, ev({ type: 'exercise.stop' }, 30))).toBe(snap);
    expect(send(snap, ev({ type: 'exercise.start' }, 30)).context.exercise).toMatchObject({ startedAt: at(30) });
  });
});

describe('[P48] what the exercise shows, read at a server instant', () => {
  const box: Exercise = { kind: 'paced', seconds: 240, pattern: [4, 4, 4, 4] };
  const watch = { startedAt: instant(T0), pausedAt: null, pausedMs: 0 } as never;
  const atMs = (ms: number) => instant(T0 + ms);

  it('box breathing 4-4-4-4: in, hold, out, hold, and round again, with the seconds left in each step', () => {
    expect(exerciseAt(box, watch, atMs(0)).step).toEqual({ words: 'Breathe in', secondsLeft: 4 });
    expect(exerciseAt(box, watch, atMs(3_500)).step).toEqual({ words: 'Breathe in', secondsLeft: 1 });
    expect(exerciseAt(box, watch, atMs(4_000)).step).toEqual({ words: 'Hold', secondsLeft: 4 });
    expect(exerciseAt(box, watch, atMs(8_000)).step).toEqual({ words: 'Breathe out', secondsLeft: 4 });
    expect(exerciseAt(box, watch, atMs(12_000)).step).toEqual({ words: 'Hold', secondsLeft: 4 });
    expect(exerciseAt(box, watch, atMs(16_000)).step).toEqual({ words: 'Breathe in', secondsLeft: 4 });
    expect(exerciseAt(box, watch, atMs(10_000)).remainingMs).toBe(230_000);
  });

  it('a countdown counts down and is done at its end, never below zero', () => {
    const countdown = { kind: 'countdown', seconds: 60 } as const;
    expect(exerciseAt(countdown, watch, atMs(15_000))).toEqual({ remainingMs: 45_000, done: false, step: null });
    expect(exerciseAt(countdown, watch, atMs(90_000))).toEqual({ remainingMs: 0, done: true, step: null });
    expect(exerciseAt(box, watch, atMs(240_000))).toMatchObject({ done: true, step: null });
  });

  it('names itself as the plan set it', () => {
    expect(describeExercise(box)).toBe('Paced breathing 4-4-4-4, 4 min');
    expect(describeExercise({ kind: 'countdown', seconds: 90 })).toBe('Countdown, 1.5 min');
  });
});
