import { elapsedOf, type Instant, type Stopwatch } from '../time.js';

/**
 * The skill's exercise timer (P48): a plain countdown, or a paced breathing cycle (box breathing
 * is 4-4-4-4: in, hold, out, hold), both for `seconds` in all. Set in the plan; started by
 * `exercise.start`, its time is a stopwatch in the context like every other clock (time is data).
 */
export type Exercise = { kind: 'countdown'; seconds: number } | { kind: 'paced'; seconds: number; pattern: number[] };

const STEP_WORDS = ['Breathe in', 'Hold', 'Breathe out', 'Hold'] as const;

/** What the exercise shows at `now`: time left and, for a paced cycle, the step and its seconds left. */
export interface ExerciseReading {
  remainingMs: number;
  done: boolean;
  step: { words: string; secondsLeft: number } | null;
}

/** Reads a running (or stopped) exercise at `now`, server time. Pure, so both screens agree to the second. */
export function exerciseAt(exercise: Exercise, watch: Stopwatch, now: Instant): ExerciseReading {
  const elapsedMs = elapsedOf(watch, now);
  const remainingMs = Math.max(0, exercise.seconds * 1000 - elapsedMs);
  const done = remainingMs === 0;
  if (exercise.kind === 'countdown' || done) return { remainingMs, done, step: null };
  const cycleMs = exercise.pattern.reduce((sum, s) => sum + s, 0) * 1000;
  let into = elapsedMs % cycleMs;
  for (const [index, seconds] of exercise.pattern.entries()) {
    if (into < seconds * 1000) {
      return { remainingMs, done, step: { words: STEP_WORDS[index]!, secondsLeft: Math.ceil((seconds * 1000 - into) / 1000) } };
    }
    into -= seconds * 1000;
  }
  return { remainingMs, done, step: null }; // unreachable: `into` is always inside one step
}

/** The exercise in words, as the plan and the console name it: "Box breathing 4-4-4-4, 4 min". */
export function describeExercise(exercise: Exercise): string {
  const minutes = `${Math.round((exercise.seconds / 60) * 10) / 10} min`;
  return exercise.kind === 'countdown' ? `Countdown, ${minutes}` : `Paced breathing ${exercise.pattern.join('-')}, ${minutes}`;
}
