import { z } from 'zod';
import { LIMITS, textSchema } from '../schemas/common.js';
import type { Instant } from '../time.js';

/**
 * Sign and lock (docs/review.md §Sign and lock). The first signature locks the record: the names
 * and the log as they stood are fixed, and anything said later is an addendum with its author
 * and time. The phase log itself is append-only in the database, so the original stays intact.
 */
export interface Signature {
  userId: string;
  name: string;
  role: 'lead' | 'co';
  signedAt: Instant;
}

export interface Addendum {
  id: string;
  authorId: string;
  authorName: string;
  at: Instant;
  text: string;
}

export interface ReviewLock {
  lockedAt: Instant;
  /** The log's last version when the record was locked. */
  logVersion: number;
  /** SHA-256 (hex) of the log as it stood; the server checks it again on every read. */
  logDigest: string;
}

export interface ReviewRecord {
  lock: ReviewLock | null;
  /** Null before the lock; otherwise whether the log still hashes to the locked digest. */
  intact: boolean | null;
  signatures: Signature[];
  addenda: Addendum[];
}

/** `POST /api/sessions/:id/sign` takes an empty body: who signs is the signed-in account. */
export const signInputSchema = z.strictObject({});

/** `POST /api/sessions/:id/addenda`. */
export const addendumInputSchema = z.strictObject({ text: textSchema(LIMITS.note) });
