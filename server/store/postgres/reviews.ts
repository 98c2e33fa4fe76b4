import type pg from 'pg';
import { instant } from '../../../shared/time.js';
import { toLock, toReviewAddendum, toSignature, type LockRecord, type ReviewAddendumRecord, type SignatureRecord } from '../record-rows.js';
import type { ReviewStore } from '../types.js';
import { inTransaction } from './transaction.js';

/**
 * Signatures, locks and addenda of session reviews over PostgreSQL, with the contract of SQLite's
 * (../sqlite/reviews.ts); the tables refuse edits by trigger (./migrations.ts, step 5).
 */
export function postgresReviews(pool: pg.Pool): ReviewStore {
  return {
    markRead: async (sessionId, userId, at) => {
      // Only the latest read is kept: an older one arriving late does not move it back.
      await pool.query(
        `INSERT INTO review_reads (session_id, user_id, read_at) VALUES ($1, $2, $3)
         ON CONFLICT (session_id, user_id) DO UPDATE SET read_at = greatest(review_reads.read_at, EXCLUDED.read_at)`,
        [sessionId, userId, at],
      );
    },
    readAt: async (sessionId, userId) => {
      const { rows } = await pool.query<{ read_at: number }>(
        'SELECT read_at::float8 AS read_at FROM review_reads WHERE session_id = $1 AND user_id = $2',
        [sessionId, userId],
      );
      return rows[0] ? instant(rows[0].read_at) : null;
    },
    lock: async (sessionId) => {
      const { rows } = await pool.query<LockRecord>(
        'SELECT session_id, locked_at::float8 AS locked_at, log_version, log_digest FROM review_locks WHERE session_id = $1',
        [sessionId],
      );
      return rows[0] ? toLock(rows[0]) : null;
    },
    signatures: async (sessionId) =>
      (
        await pool.query<SignatureRecord>(
          `SELECT session_id, user_id, role, signed_at::float8 AS signed_at FROM review_signatures
            WHERE session_id = $1 ORDER BY signed_at, role`,
          [sessionId],
        )
      ).rows.map(toSignature),
    sign: (signature, lock) =>
      inTransaction(pool, async (client) => {
        // The session's row first: a progress note being saved holds it (its trigger takes it
        // FOR KEY SHARE), so the lock lands after that save, and a later save waits for this one
        // and then finds the lock.
        await client.query('SELECT 1 FROM sessions WHERE id = $1 FOR UPDATE', [signature.sessionId]);
        const signed = await client.query(
          `INSERT INTO review_signatures (session_id, user_id, role, signed_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT DO NOTHING`,
          [signature.sessionId, signature.userId, signature.role, signature.signedAt],
        );
        if (signed.rowCount === 0) return false;
        // The first signature locks; later ones find the lock already there.
        await client.query(
          `INSERT INTO review_locks (session_id, locked_at, log_version, log_digest) VALUES ($1, $2, $3, $4)
           ON CONFLICT DO NOTHING`,
          [lock.sessionId, lock.lockedAt, lock.logVersion, lock.logDigest],
        );
        return true;
      }),
    addenda: async (sessionId) =>
      (
        await pool.query<ReviewAddendumRecord>(
          'SELECT id, session_id, author_id, at::float8 AS at, text FROM review_addenda WHERE session_id = $1 ORDER BY at, seq',
          [sessionId],
        )
      ).rows.map(toReviewAddendum),
    addAddendum: async (row) => {
      await pool.query('INSERT INTO review_addenda (id, session_id, author_id, at, text) VALUES ($1, $2, $3, $4, $5)', [
        row.id,
        row.sessionId,
        row.authorId,
        row.at,
        row.text,
      ]);
    },
  };
}
