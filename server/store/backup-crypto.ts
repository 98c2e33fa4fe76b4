import { createCipheriv, createDecipheriv, randomBytes, scrypt, type ScryptOptions } from 'node:crypto';
import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { createPrivateFile } from './private-files.js';

/**
 * Encrypted backups (docs/operations.md, docs/privacy.md D24): AES-256-GCM under a key derived
 * from a passphrase with scrypt, with Node's crypto alone. The file is a small header, the
 * ciphertext, then the 16-byte GCM tag:
 *
 *   "HSBACKUP" | version 1 | log2 N | r | p | salt (16) | iv (12) | ciphertext … | tag (16)
 *
 * The whole header is authenticated (GCM additional data), so its KDF cost cannot be lowered
 * without the tag failing. A new format gets a new version byte; this one stays readable.
 */
const MAGIC = Buffer.from('HSBACKUP', 'ascii');
const VERSION = 1;
const HEADER_BYTES = MAGIC.length + 4 + 16 + 12;
const TAG_BYTES = 16;
/** OWASP's scrypt floor for passwords (N = 2^17, r = 8, p = 1): about 128 MB and a fraction of a second. */
const COST = { logN: 17, r: 8, p: 1 };
const MIN_PASSPHRASE = 12;

class BadPassphraseError extends Error {
  constructor() {
    super('The passphrase is wrong, or the file was changed or damaged: nothing was written.');
  }
}

function deriveKey(passphrase: string, salt: Buffer, { logN, r, p }: typeof COST): Promise<Buffer> {
  const options: ScryptOptions = { N: 2 ** logN, r, p, maxmem: 2 * 128 * r * 2 ** logN };
  return new Promise((resolve, reject) =>
    scrypt(passphrase.normalize('NFC'), salt, 32, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

export function checkPassphrase(passphrase: string): string | null {
  return [...passphrase].length < MIN_PASSPHRASE ? `The passphrase must be at least ${MIN_PASSPHRASE} characters long.` : null;
}

/** Encrypts `plain` into a new file `target` (0600, never overwritten). */
export async function encryptFile(plain: string, target: string, passphrase: string): Promise<void> {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const header = Buffer.concat([MAGIC, Buffer.from([VERSION, COST.logN, COST.r, COST.p]), salt, iv]);
  const cipher = createCipheriv('aes-256-gcm', await deriveKey(passphrase, salt, COST), iv).setAAD(header);
  createPrivateFile(target);
  try {
    fs.appendFileSync(target, header);
    await pipeline(fs.createReadStream(plain), cipher, fs.createWriteStream(target, { flags: 'a' }));
    fs.appendFileSync(target, cipher.getAuthTag());
    const fd = fs.openSync(target, 'r');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
  } catch (error) {
    fs.rmSync(target, { force: true });
    throw error;
  }
}

/**
 * Decrypts `encrypted` into a new file `target` (0600, never overwritten). GCM vouches for the
 * plaintext only at the end, so it is written under a temporary name and renamed into place
 * only once the tag has checked; a wrong passphrase or a changed byte leaves nothing behind.
 */
export async function decryptFile(encrypted: string, target: string, passphrase: string): Promise<void> {
  if (fs.existsSync(target)) throw new Error(`${target} already exists; nothing is ever overwritten.`);
  const size = fs.statSync(encrypted).size;
  const fd = fs.openSync(encrypted, 'r');
  const header = Buffer.alloc(HEADER_BYTES);
  const tag = Buffer.alloc(TAG_BYTES);
  try {
    if (
      size < HEADER_BYTES + TAG_BYTES ||
      fs.readSync(fd, header, 0, HEADER_BYTES, 0) !== HEADER_BYTES ||
      !header.subarray(0, MAGIC.length).equals(MAGIC)
    ) {
      throw new Error(`${encrypted} is not an encrypted Holdspace backup.`);
    }
    fs.readSync(fd, tag, 0, TAG_BYTES, size - TAG_BYTES);
  } finally {
    fs.closeSync(fd);
  }
  const version = header[MAGIC.length]!;
  if (version !== VERSION)
    throw new Error(`${encrypted} is an encrypted backup of format ${version}, which this build does not know; use a newer build.`);
  const cost = { logN: header[MAGIC.length + 1]!, r: header[MAGIC.length + 2]!, p: header[MAGIC.length + 3]! };
  // The cost is read before the tag can vouch for it: bound it, so a forged header cannot ask for terabytes.
  if (cost.logN < 14 || cost.logN > 20 || cost.r < 1 || cost.r > 16 || cost.p < 1 || cost.p > 4) throw new BadPassphraseError();
  const salt = header.subarray(MAGIC.length + 4, MAGIC.length + 20);
  const iv = header.subarray(MAGIC.length + 20, HEADER_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', await deriveKey(passphrase, salt, cost), iv)
    .setAAD(header)
    .setAuthTag(tag);
  const partial = `${target}.partial`;
  createPrivateFile(partial);
  try {
    await pipeline(
      fs.createReadStream(encrypted, { start: HEADER_BYTES, end: size - TAG_BYTES - 1 }),
      decipher,
      fs.createWriteStream(partial, { flags: 'r+' }),
    );
  } catch (error) {
    fs.rmSync(partial, { force: true });
    if (/unable to authenticate|auth/i.test((error as Error).message)) throw new BadPassphraseError();
    throw error;
  }
  fs.linkSync(partial, target); // fails if target appeared meanwhile: still never overwritten
  fs.rmSync(partial);
}
