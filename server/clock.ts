import { instant, type Instant } from '../shared/time.js';

/** The server's one source of time; tests pass a clock they control. */
export interface Clock {
  now(): Instant;
}

export const systemClock: Clock = { now: () => instant(Date.now()) };
