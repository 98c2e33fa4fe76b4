import { randomUUID } from 'node:crypto';
import { initialTransition } from 'xstate';
import { MACHINE_VERSION, sessionMachine } from '../../shared/session/machine.js';
import { statusOf, type SessionStatus } from '../../shared/session/view.js';
import type { SavedSnapshot, SessionRow } from '../store/types.js';

/**
 * A session's state as the server holds it, and how it is saved: made, persisted, and when it is
 * due to be saved with a log entry. Restoring it from the store is ./restore.ts.
 */
export type SessionSnapshot = ReturnType<typeof sessionMachine.resolveState>;

export function initialSnapshot(row: Pick<SessionRow, 'plan' | 'seats'>): SessionSnapshot {
  return initialTransition(sessionMachine, { plan: row.plan, seats: row.seats })[0];
}

/** A session as planned: in the lobby at version 0, with the machine's first state as its snapshot. */
export function plannedSession(
  planned: Pick<SessionRow, 'groupId' | 'leadId' | 'coFacilitatorId' | 'plan' | 'seats' | 'createdAt'>,
): SessionRow {
  return {
    id: randomUUID(),
    ...planned,
    status: 'lobby',
    version: 0,
    snapshotVersion: 0,
    snapshot: persist(initialSnapshot(planned)),
    machineVersion: MACHINE_VERSION,
    startedAt: null,
    endedAt: null,
  };
}

export const persist = (snapshot: SessionSnapshot): string => JSON.stringify(sessionMachine.getPersistedSnapshot(snapshot));

/** What a session's row saves of its state at `snapshot` (../store/types.ts). */
export function savedSnapshot(snapshot: SessionSnapshot): SavedSnapshot {
  return {
    status: statusOf(snapshot.value),
    snapshot: persist(snapshot),
    machineVersion: MACHINE_VERSION,
    startedAt: snapshot.context.clock?.startedAt ?? null,
    endedAt: snapshot.context.endedAt,
  };
}

/**
 * At most this many log entries are applied on top of a session's saved snapshot when it is
 * restored. Saving the snapshot with every entry rewrote a page or more of the sessions table per
 * command, and under load those pages were most of what the disk wrote and synced
 * (docs/performance.md); every 16 entries it is a sixteenth of that, and a restore applies at
 * most 15 entries a session (under a millisecond).
 */
export const SNAPSHOT_EVERY = 16;

/**
 * Whether the snapshot is saved with the entry at `version`: on every change of status — so a
 * session's row always tells truly whether it is open or ended, and an ended session's snapshot
 * is its last state — and once `SNAPSHOT_EVERY` entries have passed since the last save.
 */
export function snapshotDue(change: {
  version: number;
  savedVersion: number;
  statusBefore: SessionStatus;
  statusAfter: SessionStatus;
}): boolean {
  return change.statusAfter !== change.statusBefore || change.version - change.savedVersion >= SNAPSHOT_EVERY;
}
