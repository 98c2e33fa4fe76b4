import { initialTransition, transition } from 'xstate';
import { z } from 'zod';
import { ERROR_CODES, type StateUpdate } from '../../../shared/protocol.js';
import type { SessionEvent } from '../../../shared/session/events.js';
import { sessionMachine } from '../../../shared/session/machine.js';
import type { Db } from '../../../server/store/sqlite/open.js';

/**
 * What every fault test checks against: the log and the snapshot as stored, a replay of that log
 * made here with xstate's own `transition()` (not the server's code path), and the shape every
 * ack must have.
 */

const code = z.enum(Object.keys(ERROR_CODES) as [keyof typeof ERROR_CODES, ...(keyof typeof ERROR_CODES)[]]);
export const commandAckSchema = z.union([
  z.strictObject({ ok: z.literal(true), version: z.number().int().min(0), duplicate: z.boolean() }),
  z.strictObject({ ok: z.literal(false), code, message: z.string().min(1), state: z.looseObject({ version: z.number() }).optional() }),
]);
export const genericAckSchema = z.union([z.looseObject({ ok: z.literal(true) }), z.strictObject({ ok: z.literal(false), code, message: z.string().min(1), state: z.unknown().optional() })]);

export interface StoredEntry {
  version: number;
  commandId: string;
  event: SessionEvent;
}

/** The session's phase log, straight from the database file. */
export function readLog(db: Db, sessionId: string): StoredEntry[] {
  return (
    db.prepare('SELECT version, command_id AS commandId, event FROM session_log WHERE session_id = ? ORDER BY version').all(sessionId) as {
      version: number;
      commandId: string;
      event: string;
    }[]
  ).map((r) => ({ ...r, event: JSON.parse(r.event) }));
}

export function readRow(db: Db, sessionId: string): { version: number; snapshot: unknown; plan: unknown; seats: string[] } {
  const r = db.prepare('SELECT version, snapshot, plan, seats FROM sessions WHERE id = ?').get(sessionId) as {
    version: number;
    snapshot: string;
    plan: string;
    seats: string;
  };
  return { version: r.version, snapshot: JSON.parse(r.snapshot), plan: JSON.parse(r.plan), seats: JSON.parse(r.seats) };
}

/** The persisted form of the state that replaying `log` from the session's plan and seats gives. */
export function replayed(row: { plan: unknown; seats: string[] }, log: readonly StoredEntry[]) {
  let snap = initialTransition(sessionMachine, { plan: row.plan as never, seats: row.seats })[0];
  for (const entry of log) {
    const next = transition(sessionMachine, snap, entry.event)[0];
    if (next === snap) throw new Error(`log entry ${entry.version} (${entry.event.type}) does not apply on replay`);
    snap = next;
  }
  return JSON.parse(JSON.stringify(sessionMachine.getPersistedSnapshot(snap))) as { value: unknown; context: StateUpdate['state']['context'] };
}

/**
 * The stored session equals the replay of its log: same version as entries, versions 1…n without
 * a gap, each commandId once, and the stored snapshot's value and context equal to the replay's.
 */
export function checkStoredAgainstLog(db: Db, sessionId: string) {
  const log = readLog(db, sessionId);
  const row = readRow(db, sessionId);
  const errors: string[] = [];
  if (row.version !== log.length) errors.push(`row version ${row.version} but ${log.length} log entries`);
  log.forEach((e, i) => e.version !== i + 1 && errors.push(`log entry ${i} has version ${e.version}`));
  const ids = new Set(log.map((e) => e.commandId));
  if (ids.size !== log.length) errors.push('a commandId appears twice in the log');
  const replay = replayed(row, log);
  const stored = row.snapshot as { value: unknown; context: unknown };
  return { log, row, replay, stored, errors };
}
