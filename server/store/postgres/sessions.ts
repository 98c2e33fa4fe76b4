import type pg from 'pg';
import type { SessionRow } from '../types.js';

/**
 * Session records over PostgreSQL: so far only what the live path needs to have a session to
 * append to. The rest of `SessionStore` (../types.ts) comes with the REST side of issue 19.
 */
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
