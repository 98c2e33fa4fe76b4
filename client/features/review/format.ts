import { durationClock, wholeSeconds } from '../../../shared/review/rounding.js';
import { formatClock } from '../../../shared/time.js';

/**
 * Times on the review are shown in the clinic's time zone (a server setting), whatever the
 * device's own zone, so the lead at home and the supervisor at the clinic read the same times.
 */
export interface Formats {
  timeZone: string;
  /** `10:05` */
  clock: (ms: number) => string;
  /** `10:05:30` */
  clockSeconds: (ms: number) => string;
  /** `Friday, 27 November 2026` */
  date: (ms: number) => string;
  /** `27 Nov 2026` */
  shortDate: (ms: number) => string;
}

export function formatsFor(timeZone: string): Formats {
  const clock = new Intl.DateTimeFormat(undefined, { timeZone, hour: '2-digit', minute: '2-digit' });
  const clockSeconds = new Intl.DateTimeFormat(undefined, { timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit' });
  const date = new Intl.DateTimeFormat(undefined, { timeZone, dateStyle: 'full' });
  const shortDate = new Intl.DateTimeFormat(undefined, { timeZone, dateStyle: 'medium' });
  return {
    timeZone,
    // A long session formats thousands of times that share a few hundred minutes: remember them.
    clock: cachedBy(60_000, (ms) => clock.format(ms)),
    clockSeconds: cachedBy(1000, (ms) => clockSeconds.format(ms)),
    date: (ms) => date.format(ms),
    shortDate: (ms) => shortDate.format(ms),
  };
}

function cachedBy(unitMs: number, format: (ms: number) => string): (ms: number) => string {
  const cache = new Map<number, string>();
  return (ms) => {
    const key = Math.floor(ms / unitMs);
    let text = cache.get(key);
    if (text === undefined) cache.set(key, (text = format(key * unitMs)));
    return text;
  };
}

/** A duration as the timers show it: `m:ss`, or `h:mm:ss`. */
export const dur = (ms: number): string => durationClock(ms);

/** A difference to the second, with its sign: `+3:00`, `-1:30`, `0:00`. */
export const signed = (ms: number): string => {
  const whole = wholeSeconds(ms) * 1000;
  return whole > 0 ? `+${formatClock(whole)}` : formatClock(whole);
};

/** Over the plan by at least a second (shown in the warning colour). */
export const isOver = (ms: number): boolean => wholeSeconds(ms) > 0;

/** Whole minutes for plan cells: `20 min`. */
export const minutesText = (ms: number): string => `${Math.round(ms / 60_000)} min`;
