/**
 * The one rounding rule of the record (docs/review.md §Rounding, R19): a duration is shown and
 * exported in whole seconds, rounded to the nearest (half a second up), the sign kept. The page,
 * the CSVs, the print and the notes all go through here, and the JSON's milliseconds round to the
 * same seconds, so no two of them differ by a second (the live timers, which count, still floor).
 */
export function wholeSeconds(ms: number): number {
  const s = Math.round(Math.abs(ms) / 1000);
  return ms < 0 && s > 0 ? -s : s;
}
