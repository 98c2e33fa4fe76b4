import { z } from 'zod';
import { LIMITS, textSchema } from '../schemas/common.js';
import type { Instant } from '../time.js';
import type { AcrossSessions } from './across.js';
import type { Review } from './types.js';

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

/** `GET /api/sessions/:id/review`. */
export interface ReviewResponse {
  review: Review;
  /** The clinic's time zone: every time on the page is shown in it. */
  timeZone: string;
  record: ReviewRecord;
  /** The reader's role in this session, to offer the right signature button. */
  /** A reviewer reads; only the facilitators sign and add addenda. */
  myRole: 'lead' | 'co' | 'reviewer';
  /** The 42 CFR Part 2 notice for a substance-use group, which the report and exports carry; else null. */
  notice: string | null;
  /** The group's billing code (a setting of the group, default 90853), printed in the report's running header. */
  billingCode: string | null;
}

/** `GET /api/groups/:id/review`. */
export interface GroupReviewResponse {
  groupId: string;
  groupName: string;
  timeZone: string;
  across: AcrossSessions;
  /** The 42 CFR Part 2 redisclosure notice, when the group is a Part 2 group (docs/privacy.md D13). */
  notice: string | null;
}

/** `POST /api/sessions/:id/sign` takes an empty body: who signs is the signed-in account. */
export const signInputSchema = z.strictObject({});

/** `POST /api/sessions/:id/addenda`. */
export const addendumInputSchema = z.strictObject({ text: textSchema(LIMITS.note) });
