import { randomInt } from 'node:crypto';

/** No 0/O, 1/l/I: read aloud or copied from a screen without mistakes. */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/**
 * A temporary password an admin hands over once (S43): four groups of five from 31 characters,
 * about 99 bits, so it needs no strength check; the person must replace it at next sign-in.
 */
export function temporaryPassword(): string {
  const group = () => Array.from({ length: 5 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return [group(), group(), group(), group()].join('-');
}
