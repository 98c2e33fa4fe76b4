import { z } from 'zod';
import type { Instant } from '../time.js';
import type { RatingItem, Scores } from './rating-scale.js';

/** A link stays open this long after its session ends, unless a facilitator stops it first (P55). */
export const RATING_LINK_AFTER_END_MS = 30 * 60_000;

/**
 * What facilitators see while ratings are collected (docs/ratings.md): counts only, never values.
 * Sent to the session's room as `session:ratings` and answered by the ratings routes.
 */
export const ratingsStatusSchema = z.object({
  sessionId: z.string(),
  /** A rating link is open now. */
  collecting: z.boolean(),
  /** Members with a rating for this session (a replaced rating counts once). */
  rated: z.number().int().min(0),
  /** When the open link stops working by itself (30 minutes after the session ends), if it will. */
  expiresAt: z.number().nullable(),
});
export type RatingsStatus = z.output<typeof ratingsStatusSchema>;

/**
 * The open link as the facilitators' screens show it: the address with its token (the QR code
 * encodes it, and the page shows it as text too), the short code and the address to type it at.
 */
export const ratingLinkSchema = z.object({
  url: z.string(),
  code: z.string(),
  codeUrl: z.string(),
  /** The QR code of `url`, an SVG document made on the server (no network). */
  qrSvg: z.string(),
  expiresAt: z.number().nullable(),
});
export type RatingLink = z.output<typeof ratingLinkSchema>;

/** How a rating came in: a member's own phone, or a facilitator's screen in kiosk mode. */
export type RatingVia = 'phone' | 'screen';

/** One member's rating of one session, as stored (one per member; a second submission replaces it). */
export interface Rating {
  sessionId: string;
  memberId: string;
  scores: Scores;
  comment: string;
  submittedAt: Instant;
  /** How many times it was submitted; above 1 means the member replaced an earlier one. */
  submissions: number;
  via: RatingVia;
}

/** A session's ratings as the review shows them: the items asked, and each member's rating. */
export interface SessionRatings {
  items: readonly RatingItem[];
  ratings: readonly (Rating & { memberName: string })[];
}
