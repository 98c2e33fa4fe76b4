import type pg from 'pg';
import type { SessionEvent } from '../../../shared/session/events.js';
import { checkAgainstLog, type StoredEntry, type StoredRow } from '../../faults/support/invariants.js';

/** A log entry as PostgreSQL holds it, with its time stamp. */
export interface TimedEntry extends StoredEntry {
  at: number;
}

export async function readLog(pool: pg.Pool, sessionId: string): Promise<TimedEntry[]> {
  const { rows } = await pool.query<{ version: number; command_id: string; event: string; at: string }>(
    'SELECT version, command_id, event, at::text FROM session_log WHERE session_id = $1 ORDER BY version',
    [sessionId],
  );
  return rows.map((r) => ({ version: r.version, commandId: r.command_id, event: JSON.parse(r.event) as SessionEvent, at: Number(r.at) }));
}

async function readRow(pool: pg.Pool, sessionId: string): Promise<StoredRow> {
  const { rows } = await pool.query<{ snapshot_version: number; snapshot: string; plan: string; seats: string }>(
    'SELECT snapshot_version, snapshot, plan, seats FROM sessions WHERE id = $1',
    [sessionId],
  );
  const r = rows[0]!;
  return {
    snapshotVersion: r.snapshot_version,
    snapshot: JSON.parse(r.snapshot),
    plan: JSON.parse(r.plan),
    seats: JSON.parse(r.seats) as string[],
  };
}

/**
 * The invariants for one session, on what PostgreSQL holds: versions 1…n without a gap,
 * no commandId twice, the stored state equal to the replay of the log, and no time stamp earlier
 * than the one before it (a new owner's clock may be behind the old one's: P-time never goes back).
 */
export async function checkSession(pool: pg.Pool, sessionId: string) {
  const log = await readLog(pool, sessionId);
  const checked = checkAgainstLog(log, await readRow(pool, sessionId));
  log.forEach(
    (e, i) => i > 0 && e.at < log[i - 1]!.at && checked.errors.push(`entry ${e.version} is stamped before entry ${e.version - 1}`),
  );
  return { ...checked, log };
}
