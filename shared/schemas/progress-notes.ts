import { z } from 'zod';
import { safeText } from './text.js';
import { LIMITS, textSchema } from './common.js';

/** Request bodies of the progress-note routes (docs/review.md §Progress notes). */

/** A narrative field: may be empty (a draft), never longer than a note. */
const fieldText = safeText(LIMITS.note, { multiline: true, allowEmpty: true });

/**
 * `PUT /api/sessions/:id/progress-notes/:memberId`: the whole narrative, and the version it was
 * edited from; a save from an older version is refused (409 STALE) with the current text.
 */
export const progressNoteSaveSchema = z.strictObject({
  baseVersion: z.number().int().min(0).max(1_000_000),
  fields: z.strictObject({
    presentation: fieldText,
    participation: fieldText,
    interventions: fieldText,
    response: fieldText,
    plan: fieldText,
  }),
});

/** `POST /api/sessions/:id/progress-notes/:memberId/addenda`, once the session is signed. */
export const progressNoteAddendumSchema = z.strictObject({ text: textSchema(LIMITS.note) });
