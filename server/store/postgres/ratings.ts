import type pg from 'pg';
import { ratingItemsSchema, type RatingItem } from '../../../shared/schemas/rating-scale.js';
import { toRating, toWindow, type RatingRecord, type WindowRecord } from '../record-rows.js';
import type { RatingStore } from '../types.js';
import { appendAudit } from './audit.js';
import { inTransaction, type Queryable } from './transaction.js';

const WINDOW_COLUMNS = 'id, session_id, opened_by, opened_at::float8 AS opened_at, closed_at::float8 AS closed_at, closed_by';
const RATING_COLUMNS = 'session_id, member_id, scores, comment, submitted_at::float8 AS submitted_at, submissions, via';

const itemsOf = async (q: Queryable, sessionId: string): Promise<RatingItem[] | null> => {
  const { rows } = await q.query<{ items: string }>('SELECT items FROM session_rating_items WHERE session_id = $1', [sessionId]);
  return rows[0] ? ratingItemsSchema.parse(JSON.parse(rows[0].items)) : null;
};

/**
 * The first items win: a racing second insert waits on the key and does nothing, and the read
 * after it, a statement of its own, sees the first's row.
 */
const fixItems = async (q: Queryable, sessionId: string, asked: readonly RatingItem[]): Promise<RatingItem[]> => {
  await q.query('INSERT INTO session_rating_items (session_id, items) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
    sessionId,
    JSON.stringify(asked),
  ]);
  return (await itemsOf(q, sessionId))!;
};

/**
 * Member voice over PostgreSQL (docs/ratings.md), with the contract of SQLite's
 * (../sqlite/ratings.ts): each audited write lands with its audit entry in one transaction, or
 * not at all (docs/privacy.md D4).
 */
export function postgresRatings(pool: pg.Pool): RatingStore {
  const ratings = async (where: string, values: unknown[]) =>
    (
      await pool.query<RatingRecord>(`SELECT ${RATING_COLUMNS} FROM ratings WHERE ${where} ORDER BY submitted_at, member_id`, values)
    ).rows.map(toRating);
  const windows = async (where: string, values: unknown[]) =>
    (await pool.query<WindowRecord>(`SELECT ${WINDOW_COLUMNS} FROM rating_windows ${where}`, values)).rows.map(toWindow);

  return {
    fixItems: (sessionId, asked) => fixItems(pool, sessionId, asked),
    items: (sessionId) => itemsOf(pool, sessionId),
    openWindow: (row, asked, audit) =>
      inTransaction(pool, async (client) => {
        const { rowCount } = await client.query(
          `INSERT INTO rating_windows (id, session_id, opened_by, opened_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT (session_id) WHERE closed_at IS NULL DO NOTHING`,
          [row.id, row.sessionId, row.openedBy, row.openedAt],
        );
        if (rowCount === 0) return false;
        await fixItems(client, row.sessionId, asked);
        await appendAudit(client, audit);
        return true;
      }),
    closeWindow: (id, at, by, audit) =>
      inTransaction(pool, async (client) => {
        const closed =
          (await client.query('UPDATE rating_windows SET closed_at = $1, closed_by = $2 WHERE id = $3 AND closed_at IS NULL', [at, by, id]))
            .rowCount === 1;
        if (closed && audit) await appendAudit(client, audit);
        return closed;
      }),
    latestWindow: async (sessionId) =>
      (await windows('WHERE session_id = $1 ORDER BY opened_at DESC, seq DESC LIMIT 1', [sessionId]))[0] ?? null,
    openWindows: () => windows('WHERE closed_at IS NULL ORDER BY opened_at, seq', []),
    save: (r, audit) =>
      inTransaction(pool, async (client) => {
        // A second submission replaces the first and counts itself (docs/ratings.md): never two rows.
        const { rows } = await client.query<{ submissions: number }>(
          `INSERT INTO ratings (session_id, member_id, scores, comment, submitted_at, submissions, via) VALUES ($1, $2, $3, $4, $5, 1, $6)
           ON CONFLICT (session_id, member_id) DO UPDATE SET scores = EXCLUDED.scores, comment = EXCLUDED.comment,
             submitted_at = EXCLUDED.submitted_at, submissions = ratings.submissions + 1, via = EXCLUDED.via
           RETURNING submissions`,
          [r.sessionId, r.memberId, JSON.stringify(r.scores), r.comment, r.submittedAt, r.via],
        );
        const outcome = rows[0]!.submissions === 1 ? 'new' : 'replaced';
        const entry = audit(outcome);
        if (entry) await appendAudit(client, entry);
        return outcome;
      }),
    forSession: (sessionId) => ratings('session_id = $1', [sessionId]),
    forSessions: async (sessionIds) => (sessionIds.length === 0 ? [] : ratings('session_id = ANY($1)', [[...sessionIds]])),
    count: async (sessionId) =>
      (await pool.query<{ n: number }>('SELECT count(*)::integer AS n FROM ratings WHERE session_id = $1', [sessionId])).rows[0]!.n,
  };
}
