import type { RatingItem, Scores } from '../../shared/schemas/rating-scale.js';
import type { RatingVia } from '../../shared/schemas/ratings.js';

/**
 * What the members' rating pages (the members' pages under /r) need of the server (docs/ratings.md):
 * nothing but the open form behind a token, the token behind a short code, and a submit. Every
 * answer for a wrong, closed or expired token is the same null, so the pages say one calm
 * sentence and reveal nothing (not whether a session exists).
 */
export interface RatingDesk {
  formFor(token: string): Promise<OpenRatingForm | null>;
  /** The link token behind a short code a member typed; null when no open link has it. */
  tokenForCode(code: string): Promise<string | null>;
  /**
   * Saves a member's rating: 'replaced' when they had rated this session already (logged as such),
   * null when the link closed meanwhile or the member is not one of the form's members.
   */
  submit(token: string, rating: SubmittedRating, via: RatingVia): Promise<'new' | 'replaced' | null>;
}

/** A rating form as a member sees it: the items asked, and the members present to pick from. */
export interface OpenRatingForm {
  sessionId: string;
  items: readonly RatingItem[];
  /** First names or initials of the members present, in seat order. */
  members: readonly { id: string; name: string }[];
}

export interface SubmittedRating {
  memberId: string;
  scores: Scores;
  comment: string;
}
