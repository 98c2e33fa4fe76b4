/**
 * Time as data. Every authoritative time is an `Instant` (milliseconds since the epoch, from the
 * server's clock, carried on events) or a `Duration` (milliseconds). Nothing here reads a clock.
 */
export type Instant = number & { readonly __unit: 'instant-ms' };
export type Duration = number & { readonly __unit: 'duration-ms' };

export const instant = (ms: number): Instant => ms as Instant;
export const duration = (ms: number): Duration => ms as Duration;
export const minutes = (count: number): Duration => duration(count * 60_000);
export const seconds = (count: number): Duration => duration(count * 1000);

/** A stopwatch that can be paused; all three of session, phase and turn time are one of these. */
export interface Stopwatch {
  startedAt: Instant;
  /** Set while paused; the time since then does not count. */
  pausedAt: Instant | null;
  /** Paused time already closed by a resume. */
  pausedMs: Duration;
}

export function startWatch(at: Instant): Stopwatch {
  return { startedAt: at, pausedAt: null, pausedMs: duration(0) };
}

export function pauseWatch(watch: Stopwatch, at: Instant): Stopwatch {
  return watch.pausedAt === null ? { ...watch, pausedAt: at } : watch;
}

export function resumeWatch(watch: Stopwatch, at: Instant): Stopwatch {
  if (watch.pausedAt === null) return watch;
  const pausedFor = Math.max(0, at - watch.pausedAt);
  return { ...watch, pausedAt: null, pausedMs: duration(watch.pausedMs + pausedFor) };
}

/** Running time of a stopwatch at `now`, paused time excluded; never negative. */
export function elapsedOf(watch: Stopwatch, now: Instant): Duration {
  const until = watch.pausedAt ?? now;
  return duration(Math.max(0, until - watch.startedAt - watch.pausedMs));
}

/** `m:ss`, or `h:mm:ss` past an hour; negative durations get a leading minus. */
export function formatClock(ms: number): string {
  const total = Math.floor(Math.abs(ms) / 1000);
  // No "-0:00": the first second of overtime reads 0:00 like the last second before it.
  const sign = ms < 0 && total > 0 ? '-' : '';
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${sign}${h}:${String(m).padStart(2, '0')}:${s}` : `${sign}${m}:${s}`;
}
