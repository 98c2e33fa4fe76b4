import { instant, type Instant } from '../../shared/time.js';
import type { Clock } from '../../server/clock.js';

/** A server clock the test moves by hand: timers become exact numbers. */
export interface ManualClock extends Clock {
  set(ms: number): void;
  advance(ms: number): void;
}

export function manualClock(start = Date.UTC(2026, 10, 27, 9, 0, 0)): ManualClock {
  let now = start;
  return {
    now: (): Instant => instant(now),
    set: (ms) => {
      now = ms;
    },
    advance: (ms) => {
      now += ms;
    },
  };
}
