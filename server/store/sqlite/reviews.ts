import { instant } from '../../../shared/time.js';
import { toLock, toReviewAddendum, toSignature, type LockRecord, type ReviewAddendumRecord, type SignatureRecord } from '../record-rows.js';
import type { ReviewAddendumRow, ReviewLockRow, ReviewSignatureRow, ReviewStore } from '../types.js';
import type { Db } from './open.js';
import type { Synced } from './promised.js';

/** Signatures, locks and addenda of session reviews; the tables refuse edits by trigger. */
export function sqliteReviews(db: Db): Synced<ReviewStore> {
  const lockOf = db.prepare<[string], LockRecord>('SELECT * FROM review_locks WHERE session_id = ?');
  const signaturesOf = db.prepare<[string], SignatureRecord>(
    'SELECT * FROM review_signatures WHERE session_id = ? ORDER BY signed_at, role',
  );
  const addendaOf = db.prepare<[string], ReviewAddendumRecord>('SELECT * FROM review_addenda WHERE session_id = ? ORDER BY at, rowid');
  const insertLock = db.prepare(
    'INSERT OR IGNORE INTO review_locks (session_id, locked_at, log_version, log_digest) VALUES (@sessionId, @lockedAt, @logVersion, @logDigest)',
  );
  const insertSignature = db.prepare(
    'INSERT OR IGNORE INTO review_signatures (session_id, user_id, role, signed_at) VALUES (@sessionId, @userId, @role, @signedAt)',
  );
  const insertAddendum = db.prepare(
    'INSERT INTO review_addenda (id, session_id, author_id, at, text) VALUES (@id, @sessionId, @authorId, @at, @text)',
  );
  const upsertRead = db.prepare(
    `INSERT INTO review_reads (session_id, user_id, read_at) VALUES (?, ?, ?)
     ON CONFLICT (session_id, user_id) DO UPDATE SET read_at = max(read_at, excluded.read_at)`,
  );
  const readOf = db.prepare<[string, string], { read_at: number }>('SELECT read_at FROM review_reads WHERE session_id = ? AND user_id = ?');

  return {
    markRead: (sessionId, userId, at) => {
      upsertRead.run(sessionId, userId, at);
    },
    readAt: (sessionId, userId) => {
      const r = readOf.get(sessionId, userId);
      return r ? instant(r.read_at) : null;
    },
    lock: (sessionId) => {
      const r = lockOf.get(sessionId);
      return r ? toLock(r) : null;
    },
    signatures: (sessionId) => signaturesOf.all(sessionId).map(toSignature),
    sign: db.transaction((signature: ReviewSignatureRow, lock: ReviewLockRow) => {
      if (insertSignature.run(signature).changes === 0) return false;
      insertLock.run(lock); // the first signature locks; later ones find the lock already there
      return true;
    }),
    addenda: (sessionId) => addendaOf.all(sessionId).map(toReviewAddendum),
    addAddendum: (row: ReviewAddendumRow) => {
      insertAddendum.run(row);
    },
  };
}
