import { wholeSeconds } from './rounding.js';

/**
 * Durations in words (docs/review.md R22): "10 min 47 s", "1 h 5 min", "0 s". A duration is an
 * amount of time, not a time of day: written `10:47` it reads like a clock, and `-3:36` like a
 * clock with a minus sign. Whole seconds by the one rounding rule (R19); the sign is dropped here,
 * and `againstPlan` says "over" or "under" in its place.
 */
export function durationWords(ms: number): string {
  const total = Math.abs(wholeSeconds(ms));
  const h = Math.floor(total / 3600);
  const min = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const parts = [h ? `${h} h` : '', min ? `${min} min` : '', s ? `${s} s` : ''].filter(Boolean);
  return parts.length ? parts.join(' ') : '0 s';
}

/** A difference in a table's "against plan" cell: "7 s over", "3 min 36 s under", "on plan". */
export function overOrUnder(differenceMs: number): string {
  const s = wholeSeconds(differenceMs);
  if (s === 0) return 'on plan';
  return `${durationWords(differenceMs)} ${s > 0 ? 'over' : 'under'}`;
}

/** A difference to the plan in words: "3 min 36 s under plan", "7 s over plan", "on plan". */
export function againstPlan(differenceMs: number): string {
  return wholeSeconds(differenceMs) === 0 ? 'on plan' : `${overOrUnder(differenceMs)} plan`;
}
