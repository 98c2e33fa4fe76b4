import { durationWords, overOrUnder } from '../../../shared/review/durations.js';
import { wholeSeconds } from '../../../shared/review/rounding.js';
import type { ClinicTime } from '../../../shared/review/clinic-time.js';

/**
 * Times on the review are shown in the clinic's locale and time zone (server settings), whatever
 * the device's own, so the lead at home and the supervisor at the clinic read the same times.
 */
export type Formats = ClinicTime;

/** A duration in words: `10 min 47 s` (R22). */
export const dur = (ms: number): string => durationWords(ms);

/** A difference to the plan: `7 s over`, `3 min 36 s under`, `on plan`. */
export const signed = (ms: number): string => overOrUnder(ms);

/** Over the plan by at least a second (shown in the warning colour). */
export const isOver = (ms: number): boolean => wholeSeconds(ms) > 0;

/** Whole minutes for plan cells: `20 min`. */
export const minutesText = (ms: number): string => `${Math.round(ms / 60_000)} min`;
