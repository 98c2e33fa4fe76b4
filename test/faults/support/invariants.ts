import { isDeepStrictEqual } from 'node:util';
import { createActor, initialTransition, transition, type AnyMachineSnapshot } from 'xstate';
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
export const genericAckSchema = z.union([
  z.looseObject({ ok: z.literal(true) }),
  z.strictObject({ ok: z.literal(false), code, message: z.string().min(1), state: z.unknown().optional() }),
]);

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

export interface StoredRow {
  /** The version the row's snapshot was saved at (it is saved every few entries, not each). */
  snapshotVersion: number;
  snapshot: { value: unknown; context: unknown };
  plan: unknown;
  seats: string[];
}

export function readRow(db: Db, sessionId: string): StoredRow {
  const r = db.prepare('SELECT snapshot_version, snapshot, plan, seats FROM sessions WHERE id = ?').get(sessionId) as {
    snapshot_version: number;
    snapshot: string;
    plan: string;
    seats: string;
  };
  return { snapshotVersion: r.snapshot_version, snapshot: JSON.parse(r.snapshot), plan: JSON.parse(r.plan), seats: JSON.parse(r.seats) };
}

type Persisted = { value: unknown; context: StateUpdate['state']['context'] };
const persisted = (snap: AnyMachineSnapshot) => JSON.parse(JSON.stringify(sessionMachine.getPersistedSnapshot(snap))) as Persisted;

/** Applies `log` with xstate's `transition()` to `from`; an entry that does not apply is an error. */
function applied(from: AnyMachineSnapshot, log: readonly StoredEntry[]): AnyMachineSnapshot {
  let snap = from;
  for (const entry of log) {
    const next = transition(sessionMachine, snap as never, entry.event)[0];
    if (next === snap) throw new Error(`log entry ${entry.version} (${entry.event.type}) does not apply on replay`);
    snap = next;
  }
  return snap;
}

/** The persisted form of the state that replaying `log` from the session's plan and seats gives. */
export function replayed(row: { plan: unknown; seats: string[] }, log: readonly StoredEntry[]): Persisted {
  return persisted(applied(initialTransition(sessionMachine, { plan: row.plan as never, seats: row.seats })[0], log));
}

/**
 * The stored session equals the replay of its log: versions 1…n without a gap, each commandId
 * once; the saved snapshot equal to the replay of the log up to the version it was saved at; and
 * `stored` — that snapshot restored by xstate with the later entries applied — for the caller to
 * compare with `replay`, the replay of the whole log.
 */
export function checkStoredAgainstLog(db: Db, sessionId: string) {
  return checkAgainstLog(readLog(db, sessionId), readRow(db, sessionId));
}

/** `checkStoredAgainstLog` over a log and a row read from any store (the cluster tests read PostgreSQL). */
export function checkAgainstLog(log: StoredEntry[], row: StoredRow) {
  const errors: string[] = [];
  log.forEach((e, i) => e.version !== i + 1 && errors.push(`log entry ${i} has version ${e.version}`));
  const ids = new Set(log.map((e) => e.commandId));
  if (ids.size !== log.length) errors.push('a commandId appears twice in the log');
  if (row.snapshotVersion > log.length) errors.push(`snapshot saved at version ${row.snapshotVersion} but ${log.length} log entries`);
  const savedAt = replayed(row, log.slice(0, row.snapshotVersion));
  const saved = row.snapshot;
  if (!isDeepStrictEqual({ value: saved.value, context: saved.context }, { value: savedAt.value, context: savedAt.context })) {
    errors.push(`the snapshot saved at version ${row.snapshotVersion} is not the replay of the log up to it`);
  }
  const restored = createActor(sessionMachine, {
    snapshot: saved as never,
    input: { plan: row.plan as never, seats: row.seats },
  }).getSnapshot();
  const stored = persisted(applied(restored, log.slice(row.snapshotVersion)));
  return { log, row, replay: replayed(row, log), stored, errors };
}
