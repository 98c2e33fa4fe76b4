import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Rating links (docs/ratings.md P55): the token and the short code are derived from the window's
 * id under the server's secret, so nothing that opens a form is stored (a copy of the database
 * opens none), and a restarted server shows the same link again.
 */

/** Letters and digits no one confuses when typing from across a room: no 0/O, 1/I/L, 2/Z, 5/S, 8/B. */
const CODE_ALPHABET = 'ACDEFHJKMNPRTWXY34679';
export const CODE_LENGTH = 6;

const mac = (secret: string, purpose: string, windowId: string) =>
  createHmac('sha256', secret).update(`holdspace:${purpose}:${windowId}`).digest();

/** `<windowId>.<mac>`: the window it opens, and proof the server made it. */
export function linkToken(secret: string, windowId: string): string {
  return `${windowId}.${mac(secret, 'rating-link', windowId).subarray(0, 18).toString('base64url')}`;
}

/** The window a token opens, or null when it is not one this server made. */
export function windowOfToken(secret: string, token: string): string | null {
  const dot = token.indexOf('.');
  if (dot <= 0 || token.length > 200) return null;
  const windowId = token.slice(0, dot);
  const expected = Buffer.from(linkToken(secret, windowId));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected) ? windowId : null;
}

export function shortCode(secret: string, windowId: string): string {
  const bytes = mac(secret, 'rating-code', windowId);
  // 21 letters from bytes: a bias of under 1 % per letter, which a six-letter code can afford.
  return Array.from(bytes.subarray(0, CODE_LENGTH), (b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('');
}

/** A code as typed: case, spaces and dashes forgiven; null when it cannot be one. */
export function normalizedCode(typed: string): string | null {
  const code = typed.toUpperCase().replace(/[\s-]/g, '');
  return code.length === CODE_LENGTH && [...code].every((c) => CODE_ALPHABET.includes(c)) ? code : null;
}

export function sameCode(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}
