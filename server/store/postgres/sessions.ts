import type pg from 'pg';
import { toStoredNames, type NamesRecord } from '../rows.js';
import type { SessionRow, SessionStore } from '../types.js';
import { selectEntries, selectSessions, writeCommits } from './live.js';

/**
 * Session records over PostgreSQL as REST and the review read them, with the contract of SQLite's
 * (../sqlite/sessions.ts; test/store/groups-contract.test.ts holds both to it). The live core
 * appends through ./live.ts; `commit` writes the same way, one command at a time, for seeding.
 */
export function postgresSessions(pool: pg.Pool): SessionStore {
  return {
    create: (row) => insertSession(pool, row),
    get: async (id) => (await selectSessions(pool, 'WHERE s.id = $1', [id]))[0] ?? null,
    listForGroup: (groupId) => selectSessions(pool, 'WHERE s.group_id = $1 ORDER BY s.created_at DESC', [groupId]),
    listFor: (userId) => selectSessions(pool, 'WHERE s.lead_id = $1 OR s.co_id = $1 ORDER BY s.created_at DESC LIMIT 200', [userId]),
    commit: (commit) => writeCommits(pool, [commit]),
    log: (sessionId) => selectEntries(pool, 'WHERE session_id = $1 ORDER BY version', [sessionId]),
    // One statement, so one transaction: the sessions it changed are the ones it names.
    reassignCoFacilitator: async (groupId, fromId, toId) =>
      (
        await pool.query<{ id: string }>(
          "UPDATE sessions SET co_id = $3 WHERE group_id = $1 AND co_id = $2 AND status <> 'ended' RETURNING id",
          [groupId, fromId, toId],
        )
      ).rows.map((r) => r.id),
    names: async (ids) =>
      new Map(
        (
          await pool.query<NamesRecord>(
            `SELECT s.id AS session_id, g.name AS group_name, lead.name AS lead_name, co.name AS co_name,
                    (SELECT json_agg(json_build_array(m.id, m.name))::text FROM group_members m WHERE m.group_id = s.group_id) AS members
               FROM sessions s JOIN groups g ON g.id = s.group_id
               LEFT JOIN "user" lead ON lead.id = s.lead_id LEFT JOIN "user" co ON co.id = s.co_id
              WHERE s.id = ANY($1::text[])`,
            [ids],
          )
        ).rows.map(toStoredNames),
      ),
    coFacilitators: async (ids) =>
      new Map(
        (
          await pool.query<{ id: string; co_id: string | null }>('SELECT id, co_id FROM sessions WHERE id = ANY($1::text[])', [ids])
        ).rows.map((r) => [r.id, r.co_id]),
      ),
  };
}

/** A new session's row, as `create` writes it; the live path's tests and bench/pg-log.ts seed with it too. */
export async function insertSession(pool: pg.Pool, row: SessionRow): Promise<void> {
  await pool.query(
    `INSERT INTO sessions (id, group_id, lead_id, co_id, plan, seats, status, snapshot_version, snapshot, machine_version, created_at,
       started_at, ended_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
    [
      row.id,
      row.groupId,
      row.leadId,
      row.coFacilitatorId,
      JSON.stringify(row.plan),
      JSON.stringify(row.seats),
      row.status,
      row.snapshotVersion,
      row.snapshot,
      row.machineVersion,
      row.createdAt,
      row.startedAt,
      row.endedAt,
    ],
  );
}
