import { overallScore, type RatingItem, type Scores } from '../schemas/rating-scale.js';
import type { RatingVia, SessionRatings } from '../schemas/ratings.js';
import type { Instant } from '../time.js';

/**
 * A session's ratings as the review shows them (docs/review.md §Ratings, R34): a table of each
 * member's scores by the items the session asked, and per item a chart of every member's score
 * with the mean. Pure, so the page and the exports read the same figures.
 */

/**
 * Scores are whole points, but an overall figure (a mean when the session asked no `overall`
 * item) and a mean over members are not: one decimal, so "7.3" on the page, in the CSV and in a
 * worth-a-look line is the same number, and a difference of two of them is never 2.9999.
 */
export const toTenth = (n: number) => Math.round(n * 10) / 10;

/** A rating's overall figure (`overallScore`) to a tenth; null when it rated none of the items. */
export function overallOf(scores: Scores, items: readonly RatingItem[]): number | null {
  const overall = overallScore(scores, items);
  return overall === null ? null : toTenth(overall);
}

/** A score in words: "7", "7.5", or "not rated". */
export const scoreWords = (score: number | null) => (score === null ? 'not rated' : String(toTenth(score)));

export interface RatingRow {
  memberId: string;
  name: string;
  /** One per item asked, in the order asked; null for an item the member left out. */
  scores: (number | null)[];
  overall: number | null;
  comment: string;
  submittedAt: Instant;
  submissions: number;
  via: RatingVia;
}

/** One row per member who rated, in the order the ratings come (the server sends them in seat order). */
export function ratingRows({ items, ratings }: SessionRatings): RatingRow[] {
  return ratings.map((r) => ({
    memberId: r.memberId,
    name: r.memberName,
    scores: items.map((item) => r.scores[item.id] ?? null),
    overall: overallOf(r.scores, items),
    comment: r.comment,
    submittedAt: r.submittedAt,
    submissions: r.submissions,
    via: r.via,
  }));
}

export interface RatingChartItem {
  itemId: string;
  label: string;
  /** Each member who rated, in the table's order. */
  bars: { memberId: string; name: string; score: number | null }[];
  /** The mean of the members' scores for the item, to a tenth; null when nobody scored it. */
  mean: number | null;
}

/** Per item asked: each member's score and the mean. */
export function ratingChart(ratings: SessionRatings): RatingChartItem[] {
  const rows = ratingRows(ratings);
  return ratings.items.map((item, i) => {
    const bars = rows.map((row) => ({ memberId: row.memberId, name: row.name, score: row.scores[i] ?? null }));
    const scored = bars.map((b) => b.score).filter((s): s is number => s !== null);
    const mean = scored.length === 0 ? null : toTenth(scored.reduce((a, b) => a + b, 0) / scored.length);
    return { itemId: item.id, label: item.label, bars, mean };
  });
}
