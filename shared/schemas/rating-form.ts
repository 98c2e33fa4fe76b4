import { z } from 'zod';
import { RATING_COMMENT_MAX, RATING_MAX, RATING_MIN, type RatingItem, type Scores } from './rating-scale.js';
import { safeText } from './text.js';

/**
 * The members' rating pages (docs/ratings.md "The members' pages") post plain HTML forms,
 * form-encoded: every field arrives as a string, or as a list when a name is repeated. These
 * schemas take exactly the fields the page has and give the rating the server saves. Their
 * messages are written for the member holding the phone, since the page shows them as they are.
 */

/** The form's field names: the member picked, one score per item (`score-<item id>`), the comment. */
export const RATING_FIELDS = { member: 'member', comment: 'comment', score: (itemId: string) => `score-${itemId}` } as const;

/** Longest short code the code page takes (the code is six characters; spaces and dashes may be typed). */
export const RATING_CODE_INPUT_MAX = 32;

/**
 * The short code as a member types it on `/r`: any case, with spaces or dashes between the
 * characters, is the code in capitals without them.
 */
export const ratingCodeFormSchema = z.strictObject({
  code: z
    .string({ error: 'Type the code from your facilitator’s screen.' })
    .max(RATING_CODE_INPUT_MAX, 'That is longer than a code.')
    .transform((code) => code.replace(/[\s-]+/g, '').toUpperCase()),
});

/** A score as the form sends it: one of the whole numbers RATING_MIN…RATING_MAX, written plainly. */
const scoreSchema = (item: RatingItem) => {
  const missing = `Choose a number for “${item.label}”.`;
  return z
    .string({ error: missing })
    .regex(/^(?:0|[1-9]\d?)$/, missing)
    .transform(Number)
    .pipe(z.number().min(RATING_MIN, missing).max(RATING_MAX, missing));
};

/** What a valid form gives: the rating as the desk saves it. */
interface RatingFormValues {
  memberId: string;
  scores: Scores;
  comment: string;
}

/**
 * The rating form of one open link: the member must be one of `memberIds` (those present), every
 * item asked needs a score, the comment is optional (at most RATING_COMMENT_MAX characters, one
 * line, the stored-text rule of S41). Anything else in the body is refused.
 */
export function ratingFormSchema(items: readonly RatingItem[], memberIds: readonly string[]) {
  const member = z.string({ error: 'Choose your name.' }).refine((id) => memberIds.includes(id), 'Choose your name.');
  const scores = Object.fromEntries(items.map((item) => [RATING_FIELDS.score(item.id), scoreSchema(item)]));
  const comment = z
    .string()
    .max(RATING_COMMENT_MAX, `The comment is at most ${RATING_COMMENT_MAX} characters.`)
    .pipe(safeText(RATING_COMMENT_MAX, { noun: 'The comment', allowEmpty: true }))
    .optional();
  return z.strictObject({ ...scores, member, comment }).transform((form): RatingFormValues => {
    // The score fields are made from the items above, so each holds the number its schema gave.
    const fields = form as Record<string, unknown>;
    return {
      memberId: form.member,
      scores: Object.fromEntries(items.map((item) => [item.id, fields[RATING_FIELDS.score(item.id)] as number])),
      comment: form.comment ?? '',
    };
  });
}
