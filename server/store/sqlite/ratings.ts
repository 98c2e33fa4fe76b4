import { ratingItemsSchema, type RatingItem } from '../../../shared/schemas/rating-scale.js';
import type { Rating, RatingVia } from '../../../shared/schemas/ratings.js';
import type { Instant } from '../../../shared/time.js';
import { toRating, toWindow, type RatingRecord, type WindowRecord } from '../record-rows.js';
import type { AuditWrite, RatingStore, RatingWindowRow } from '../types.js';
import { auditAppender } from './audit.js';
import type { Db } from './open.js';
import type { Synced } from './promised.js';

/** Member voice in SQLite (docs/ratings.md). */
export function sqliteRatings(db: Db): Synced<RatingStore> {
  const keepFirstItems = db.prepare('INSERT INTO session_rating_items (session_id, items) VALUES (?, ?) ON CONFLICT DO NOTHING');
  const itemsOf = db.prepare<[string], { items: string }>('SELECT items FROM session_rating_items WHERE session_id = ?');
  const open = db.prepare(
    `INSERT INTO rating_windows (id, session_id, opened_by, opened_at) VALUES (@id, @sessionId, @openedBy, @openedAt)
     ON CONFLICT (session_id) WHERE closed_at IS NULL DO NOTHING`,
  );
  const close = db.prepare('UPDATE rating_windows SET closed_at = ?, closed_by = ? WHERE id = ? AND closed_at IS NULL');
  const latest = db.prepare<[string], WindowRecord>(
    'SELECT * FROM rating_windows WHERE session_id = ? ORDER BY opened_at DESC, rowid DESC LIMIT 1',
  );
  const stillOpen = db.prepare<[], WindowRecord>('SELECT * FROM rating_windows WHERE closed_at IS NULL ORDER BY opened_at, rowid');
  // A second submission replaces the first and counts itself (docs/ratings.md): never two rows.
  const upsert = db.prepare<[string, string, string, string, number, RatingVia], { submissions: number }>(
    `INSERT INTO ratings (session_id, member_id, scores, comment, submitted_at, submissions, via) VALUES (?, ?, ?, ?, ?, 1, ?)
     ON CONFLICT (session_id, member_id) DO UPDATE SET scores = excluded.scores, comment = excluded.comment,
       submitted_at = excluded.submitted_at, submissions = submissions + 1, via = excluded.via
     RETURNING submissions`,
  );
  const ofSession = db.prepare<[string], RatingRecord>('SELECT * FROM ratings WHERE session_id = ? ORDER BY submitted_at, member_id');
  const countOf = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM ratings WHERE session_id = ?');

  const items = (sessionId: string): RatingItem[] | null => {
    const row = itemsOf.get(sessionId);
    return row ? ratingItemsSchema.parse(JSON.parse(row.items)) : null;
  };

  const audited = auditAppender(db);
  const fixItems = (sessionId: string, asked: readonly RatingItem[]) => {
    keepFirstItems.run(sessionId, JSON.stringify(asked));
    return items(sessionId)!;
  };

  return {
    fixItems: db.transaction(fixItems),
    items,
    openWindow: db.transaction((row: Omit<RatingWindowRow, 'closedAt' | 'closedBy'>, asked: readonly RatingItem[], audit: AuditWrite) => {
      if (open.run(row).changes === 0) return false;
      fixItems(row.sessionId, asked);
      audited(audit);
      return true;
    }),
    closeWindow: db.transaction((id: string, at: Instant, by: string, audit: AuditWrite | null) => {
      const closed = close.run(at, by, id).changes === 1;
      if (closed && audit) audited(audit);
      return closed;
    }),
    latestWindow: (sessionId) => {
      const r = latest.get(sessionId);
      return r ? toWindow(r) : null;
    },
    openWindows: () => stillOpen.all().map(toWindow),
    save: db.transaction((r: Omit<Rating, 'submissions'>, audit: (outcome: 'new' | 'replaced') => AuditWrite | null) => {
      const { submissions } = upsert.get(r.sessionId, r.memberId, JSON.stringify(r.scores), r.comment, r.submittedAt, r.via)!;
      const outcome = submissions === 1 ? 'new' : 'replaced';
      const entry = audit(outcome);
      if (entry) audited(entry);
      return outcome;
    }),
    forSession: (sessionId) => ofSession.all(sessionId).map(toRating),
    forSessions: (sessionIds) => {
      if (sessionIds.length === 0) return [];
      const marks = sessionIds.map(() => '?').join(',');
      return db
        .prepare<string[], RatingRecord>(`SELECT * FROM ratings WHERE session_id IN (${marks}) ORDER BY submitted_at, member_id`)
        .all(...sessionIds)
        .map(toRating);
    },
    count: (sessionId) => countOf.get(sessionId)!.n,
  };
}
