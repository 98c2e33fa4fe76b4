import { createActor } from 'xstate';
import { MACHINE_VERSION, sessionMachine } from '../../shared/session/machine.js';
import type { LogEntry, SessionRow } from '../store/types.js';
import { initialSnapshot, type SessionSnapshot } from './snapshot.js';
import { step } from './step.js';
import { legacyEvent } from '../../shared/session/legacy.js';
import type { SessionEvent } from '../../shared/session/events.js';

/**
 * Folds a phase log through the machine from the session's input. Every entry was accepted once,
 * so one the machine now refuses means the machine changed under the log: that is an error to
 * surface, never a state to guess at.
 */
export function replay(row: Pick<SessionRow, 'id' | 'plan' | 'seats'>, log: readonly LogEntry[]): SessionSnapshot {
  return applyEntries(row.id, initialSnapshot(row), log);
}

function applyEntries(sessionId: string, from: SessionSnapshot, log: readonly LogEntry[]): SessionSnapshot {
  let snapshot = from;
  for (const entry of log) {
    const next = stepLogged(snapshot, entry.event);
    if (next === snapshot) throw new Error(`session ${sessionId}: log entry ${entry.version} (${entry.event.type}) no longer applies`);
    snapshot = next;
  }
  return snapshot;
}

/** A logged entry applied, as an older machine meant it when this one would refuse it as written. */
function stepLogged(snapshot: SessionSnapshot, event: SessionEvent): SessionSnapshot {
  const next = step(snapshot, event);
  if (next !== snapshot) return next;
  const legacy = legacyEvent(snapshot.context, event);
  return legacy ? step(snapshot, legacy) : snapshot;
}

export interface Restored {
  snapshot: SessionSnapshot;
  /**
   * The version of the newest entry in `snapshot`: read off the entries applied, not the row, which
   * may have been read before another process appended more (docs/decisions/013-scale-out.md).
   */
  version: number;
  /** Log entries applied on top of the saved snapshot, or of the initial state when `stale`. */
  applied: number;
  /** The saved snapshot was made by another machine version: the whole log was replayed. */
  stale: boolean;
}

/**
 * The state to resume a session from: its saved snapshot with the log entries after it applied
 * (./snapshot.ts), or, when another machine version made that snapshot, a replay of the whole log.
 * When anything was applied the caller may save the result, sparing the next start the work.
 */
export async function restore(row: SessionRow, logAfter: (version: number) => Promise<LogEntry[]>): Promise<Restored> {
  if (row.machineVersion === MACHINE_VERSION) {
    const saved = createActor(sessionMachine, {
      snapshot: JSON.parse(row.snapshot) as SessionSnapshot,
      input: { plan: row.plan, seats: row.seats },
    }).getSnapshot();
    if (saved.status !== 'error') {
      const tail = await logAfter(row.snapshotVersion);
      const version = tail.at(-1)?.version ?? row.snapshotVersion;
      return { snapshot: applyEntries(row.id, saved, tail), version, applied: tail.length, stale: false };
    }
  }
  const log = await logAfter(0);
  return { snapshot: replay(row, log), version: log.at(-1)?.version ?? 0, applied: log.length, stale: true };
}
