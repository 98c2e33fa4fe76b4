import { instant } from '../../../shared/time.js';
import type { ReviewAddendumRow, ReviewLockRow, ReviewSignatureRow, ReviewStore } from '../types.js';
import type { Db } from './open.js';
import type { Synced } from './promised.js';

interface LockRecord {
  session_id: string;
  locked_at: number;
  log_version: number;
  log_digest: string;
}

interface SignatureRecord {
  session_id: string;
  user_id: string;
  role: 'lead' | 'co';
  signed_at: number;
}

interface AddendumRecord {
  id: string;
  session_id: string;
  author_id: string;
  at: number;
  text: string;
}

/** Signatures, locks and addenda of session reviews; the tables refuse edits by trigger. */
export function sqliteReviews(db: Db): Synced<ReviewStore> {
  const lockOf = db.prepare<[string], LockRecord>('SELECT * FROM review_locks WHERE session_id = ?');
  const signaturesOf = db.prepare<[string], SignatureRecord>(
    'SELECT * FROM review_signatures WHERE session_id = ? ORDER BY signed_at, role',
  );
  const addendaOf = db.prepare<[string], AddendumRecord>('SELECT * FROM review_addenda WHERE session_id = ? ORDER BY at, rowid');
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
      return r ? { sessionId: r.session_id, lockedAt: instant(r.locked_at), logVersion: r.log_version, logDigest: r.log_digest } : null;
    },
    signatures: (sessionId) =>
      signaturesOf
        .all(sessionId)
        .map((r) => ({ sessionId: r.session_id, userId: r.user_id, role: r.role, signedAt: instant(r.signed_at) })),
    sign: db.transaction((signature: ReviewSignatureRow, lock: ReviewLockRow) => {
      if (insertSignature.run(signature).changes === 0) return false;
      insertLock.run(lock); // the first signature locks; later ones find the lock already there
      return true;
    }),
    addenda: (sessionId) =>
      addendaOf.all(sessionId).map((r) => ({ id: r.id, sessionId: r.session_id, authorId: r.author_id, at: instant(r.at), text: r.text })),
    addAddendum: (row: ReviewAddendumRow) => {
      insertAddendum.run(row);
    },
  };
}
