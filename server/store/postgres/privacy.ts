import type pg from 'pg';
import { TOMBSTONE } from '../group-rows.js';
import type { PrivacyStore } from '../types.js';
import { appendAudit } from './audit.js';
import { inTransaction } from './transaction.js';

/** The purge's transaction lock: a constant nothing else takes, as the migrations' (./migrations.ts). */
const PURGE_LOCK = `hashtext('holdspace.purge-transaction')`;

/**
 * Retention purge and member erasure over PostgreSQL, with the contract of SQLite's
 * (../sqlite/privacy.ts; test/store/privacy-contract.test.ts holds both to it). Each is one
 * transaction with its audit entry: a deletion that cannot be recorded does not happen (D4).
 */
export function postgresPrivacy(pool: pg.Pool): PrivacyStore {
  return {
    purgeEndedBefore: (cutoff, at, audit) =>
      inTransaction(pool, async (client) => {
        // One purge at a time, whichever node runs it: the next one waits, then finds what is
        // left, instead of racing this one to the same sessions.
        await client.query(`SELECT pg_advisory_xact_lock(${PURGE_LOCK})`);
        // The markers are what let the phase log's delete trigger through, for these sessions only (D9).
        const marked = await client.query<{ session_id: string }>(
          `INSERT INTO session_purges (session_id, purged_at)
             SELECT id, $2 FROM sessions WHERE status = 'ended' AND ended_at < $1
           RETURNING session_id`,
          [cutoff, at],
        );
        const sessionIds = marked.rows.map((r) => r.session_id).sort();
        let logEntries = 0;
        if (sessionIds.length > 0) {
          logEntries = (await client.query('DELETE FROM session_log WHERE session_id = ANY($1)', [sessionIds])).rowCount ?? 0;
          for (const statement of await dependantDeletes(client)) await client.query(statement, [sessionIds]);
          await client.query('DELETE FROM sessions WHERE id = ANY($1)', [sessionIds]);
          await forgetUnseated(client, at);
        }
        await appendAudit(client, audit({ sessionIds, logEntries }));
        return { sessionIds, logEntries };
      }),
    eraseMember: (groupId, memberId, at, audit) =>
      inTransaction(pool, async (client) => {
        const { rowCount } = await client.query(
          `UPDATE group_members SET name = ${TOMBSTONE}, seat = NULL, erased_at = $1
            WHERE id = $2 AND group_id = $3 AND erased_at IS NULL`,
          [at, memberId, groupId],
        );
        if (rowCount !== 1) return false;
        // A member's ratings are theirs (docs/ratings.md, D33): erasure deletes them, comments and
        // all. Their table comes with a later step; until then there are none to delete.
        const { rows } = await client.query<{ present: boolean }>("SELECT to_regclass('ratings') IS NOT NULL AS present");
        if (rows[0]!.present) await client.query('DELETE FROM ratings WHERE member_id = $1', [memberId]);
        await appendAudit(client, audit);
        return true;
      }),
  };
}

/**
 * A delete for every table but the log that references sessions(id) (D9): found in the catalog
 * at each purge, so a table a later step adds is purged with its session and needs no change here.
 */
async function dependantDeletes(client: pg.PoolClient): Promise<string[]> {
  const { rows } = await client.query<{ statement: string }>(
    `SELECT format('DELETE FROM %s WHERE %I = ANY($1)', c.conrelid::regclass, a.attname) AS statement
       FROM pg_constraint c
       JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
      WHERE c.contype = 'f' AND c.confrelid = 'sessions'::regclass AND c.conrelid <> 'session_log'::regclass
      ORDER BY c.conrelid::regclass::text`,
  );
  return rows.map((r) => r.statement);
}

/**
 * Members off the roster whom no remaining session seats: nothing needs their name any more.
 * Tombstoned rather than deleted, so a row another table points at stays valid (D8).
 */
async function forgetUnseated(client: pg.PoolClient, at: number) {
  await client.query(
    `UPDATE group_members m SET name = ${TOMBSTONE}, erased_at = $1
      WHERE m.seat IS NULL AND m.erased_at IS NULL
        AND NOT EXISTS (SELECT 1 FROM sessions s WHERE s.group_id = m.group_id AND s.seats::jsonb ? m.id)`,
    [at],
  );
}
