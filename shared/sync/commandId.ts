/**
 * A fresh id for one press of a button (the server dedupes by it, P7). Web Crypto's
 * getRandomValues exists in browsers and Node alike, and on a plain-http clinic LAN, where
 * crypto.randomUUID (secure contexts only) does not.
 */
export function newCommandId(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  let id = '';
  for (const byte of bytes) id += ALPHABET[byte & 63];
  return id;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
