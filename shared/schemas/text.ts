import { z } from 'zod';

/**
 * The one rule for every stored text a person types (docs/security.md S41): names, group fields,
 * agreements, notes, flags, addenda. What it refuses cannot be seen, or changes how the text
 * around it is shown — a name that reads "Ana" on screen but sorts, matches or exports as
 * something else, or an export file name that displays reversed.
 */

/** C0 and C1 control characters; a multi-line field still allows tab and line feed. */
// eslint-disable-next-line no-control-regex -- matching them is the point
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/u;
// eslint-disable-next-line no-control-regex -- as above, less tab and line feed
const CONTROL_MULTILINE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/u;

/**
 * Bidi embeddings and overrides (U+202A–U+202E), isolates (U+2066–U+2069), marks (U+200E, U+200F),
 * zero-width space (U+200B), word joiner (U+2060) and the byte-order mark (U+FEFF).
 */
const INVISIBLE = /[\u200B\u200E\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/u;

/**
 * The zero-width joiner and non-joiner (U+200C, U+200D) are how emoji sequences and Persian or
 * Indic spellings are written, so they are kept between two non-ASCII characters; next to ASCII
 * or a space they can only hide something ("A‍na" that looks like "Ana").
 */
const STRAY_JOINER = /(?<![^\p{ASCII}\s])[\u200C\u200D]|[\u200C\u200D](?![^\p{ASCII}\s])/u;

interface TextRule {
  /** Tab and line feed allowed (notes, agreements); off for names and titles. */
  multiline?: boolean;
  /** What the message calls the field: "Names", "Notes", "Text". */
  noun?: string;
  /** The empty string allowed (an optional text area); otherwise at least one character. */
  allowEmpty?: boolean;
}

/** Why `text` cannot be stored, as a sentence; null when it can. */
export function unsafeTextReason(text: string, { multiline = false, noun = 'Text' }: TextRule = {}): string | null {
  if ((multiline ? CONTROL_MULTILINE : CONTROL).test(text)) {
    return multiline ? `${noun} cannot contain control characters.` : `${noun} cannot contain control characters or line breaks.`;
  }
  if (INVISIBLE.test(text) || STRAY_JOINER.test(text)) return `${noun} cannot contain invisible or direction-changing characters.`;
  return null;
}

/**
 * Trimmed text, capped at `max` characters, refused when `unsafeTextReason` finds anything in the
 * text as sent: JavaScript's trim also strips U+FEFF, which is refused rather than quietly dropped.
 */
export function safeText(max: number, rule: TextRule = {}) {
  return z
    .string()
    .superRefine((text, ctx) => {
      const reason = unsafeTextReason(text.replace(/^[ \t\n\r]+|[ \t\n\r]+$/g, ''), rule);
      if (reason) ctx.addIssue({ code: 'custom', message: reason });
    })
    .trim()
    .min(rule.allowEmpty ? 0 : 1)
    .max(max);
}

/** A person's or a group's name: one line. */
export const nameText = (max: number) => safeText(max, { noun: 'Names' });
