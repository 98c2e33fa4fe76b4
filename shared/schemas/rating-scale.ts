import { z } from 'zod';
import { safeText } from './text.js';

/**
 * Member voice (docs/ratings.md): members rate each session on a scale of our own wording — never
 * the wording of a licensed instrument (GSRS, ORS, SRS and the like). Each item is a statement
 * rated on a 0–10 line. A group may edit its items (2–6) and their labels; a session records the
 * exact items it asked, so an edit never changes what an old rating meant.
 */

export const RATING_MIN = 0;
export const RATING_MAX = 10;
export const RATING_COMMENT_MAX = 200;
export const RATING_ITEM_LABEL_MAX = 80;
export const RATING_ITEMS_MIN = 2;
export const RATING_ITEMS_MAX = 6;

/**
 * An item's id is stable across label edits, so a member's trend follows "overall" even when the
 * group rewords it. Ids are short and URL-safe: they name the form's fields (`score-<id>`).
 */
export const ratingItemIdSchema = z.string().regex(/^[a-z0-9-]{1,24}$/, 'must be an item id');

export const ratingItemSchema = z.strictObject({
  id: ratingItemIdSchema,
  label: safeText(RATING_ITEM_LABEL_MAX, { noun: 'An item' }),
});

export const ratingItemsSchema = z
  .array(ratingItemSchema)
  .min(RATING_ITEMS_MIN, `A scale needs at least ${RATING_ITEMS_MIN} items.`)
  .max(RATING_ITEMS_MAX, `A scale has at most ${RATING_ITEMS_MAX} items.`)
  .refine((items) => new Set(items.map((i) => i.id)).size === items.length, 'Each item needs its own id.');

export type RatingItem = z.output<typeof ratingItemSchema>;

/** The item the trend rules call "overall" when a session asked it (see `overallScore`). */
export const OVERALL_ITEM_ID = 'overall';

export const DEFAULT_RATING_ITEMS: readonly RatingItem[] = [
  { id: 'belonging', label: 'I felt part of the group today' },
  { id: 'mattered', label: 'We worked on what mattered to me' },
  { id: 'approach', label: 'The way we worked suited me' },
  { id: OVERALL_ITEM_ID, label: "Overall, today's group was right for me" },
];

/** Scores by item id, each RATING_MIN…RATING_MAX. */
export type Scores = Readonly<Record<string, number>>;

/**
 * A rating's "overall" figure: the `overall` item when it was asked, else the mean of the items
 * asked (a group that reworded its scale without an overall item still gets a trend).
 */
export function overallScore(scores: Scores, items: readonly RatingItem[]): number | null {
  if (items.some((i) => i.id === OVERALL_ITEM_ID) && scores[OVERALL_ITEM_ID] !== undefined) return scores[OVERALL_ITEM_ID];
  const values = items.map((i) => scores[i.id]).filter((v): v is number => v !== undefined);
  if (values.length === 0) return null;
  return values.reduce((a, b) => a + b, 0) / values.length;
}
