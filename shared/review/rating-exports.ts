import type { SessionRatings } from '../schemas/ratings.js';
import { toCsv, type Cell } from './csv.js';
import { ratingRows } from './ratings.js';
import { zonedIso } from './zone.js';

/**
 * A session's ratings in the exports (docs/review.md §Exports, R39–R40): in the JSON beside the
 * figures, and as a CSV of their own with one column per item asked. Both carry the items as the
 * session asked them, so a file read years later says what each score answered.
 */

/** The JSON export's `ratings`: null when the session collected none (or has not ended). */
export function ratingsJson(ratings: SessionRatings | null, timeZone: string): object | null {
  if (!ratings) return null;
  const scores = new Map(ratings.ratings.map((r) => [r.memberId, r.scores]));
  return {
    items: ratings.items.map(({ id, label }) => ({ id, label })),
    ratings: ratingRows(ratings).map((row) => ({
      memberId: row.memberId,
      member: row.name,
      scores: scores.get(row.memberId),
      overall: row.overall,
      comment: row.comment,
      submittedAt: zonedIso(row.submittedAt, timeZone, true),
      submissions: row.submissions,
      via: row.via,
    })),
  };
}

/** Before the items (one column each, headed by its label) and after them. */
const LEADING = ['member'] as const;
const TRAILING = ['overall', 'comment', 'submitted', 'submissions', 'via'] as const;

/**
 * One row per member who rated, in seat order; a score the member left out is an empty cell. The
 * items' labels head their columns (the JSON has their ids); a session that collected nothing
 * gives the header alone.
 */
export function ratingsCsv(ratings: SessionRatings | null, timeZone: string): string {
  const items = ratings?.items ?? [];
  const rows = ratings
    ? ratingRows(ratings).map((row): Cell[] => [
        row.name,
        ...row.scores,
        row.overall,
        row.comment,
        zonedIso(row.submittedAt, timeZone),
        row.submissions,
        row.via,
      ])
    : [];
  return toCsv([...LEADING, ...items.map((i) => i.label), ...TRAILING], rows);
}
