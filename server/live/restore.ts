import { randomUUID } from 'node:crypto';
import { createActor, initialTransition } from 'xstate';
import { MACHINE_VERSION, sessionMachine } from '../../shared/session/machine.js';
import type { LogEntry, SessionRow } from '../store/types.js';
import { step } from './step.js';

export type SessionSnapshot = ReturnType<typeof sessionMachine.resolveState>;

export function initialSnapshot(row: Pick<SessionRow, 'plan' | 'seats'>): SessionSnapshot {
  return initialTransition(sessionMachine, { plan: row.plan, seats: row.seats })[0];
}

/** A session as planned: in the lobby at version 0, with the machine's first state as its snapshot. */
export function plannedSession(planned: Pick<SessionRow, 'groupId' | 'leadId' | 'coFacilitatorId' | 'plan' | 'seats' | 'createdAt'>): SessionRow {
  return {
    id: randomUUID(),
    ...planned,
    status: 'lobby',
    version: 0,
    snapshot: persist(initialSnapshot(planned)),
    machineVersion: MACHINE_VERSION,
    startedAt: null,
    endedAt: null,
  };
}

export const persist = (snapshot: SessionSnapshot): string => JSON.stringify(sessionMachine.getPersistedSnapshot(snapshot));

/**
 * Folds a phase log through the machine from the session's input. Every entry was accepted once,
 * so one the machine now refuses means the machine changed under the log: that is an error to
 * surface, never a state to guess at.
 */
export function replay(row: Pick<SessionRow, 'id' | 'plan' | 'seats'>, log: readonly LogEntry[]): SessionSnapshot {
  let snapshot = initialSnapshot(row);
  for (const entry of log) {
    if (!snapshot.can(entry.event)) {
      throw new Error(`session ${row.id}: log entry ${entry.version} (${entry.event.type}) no longer applies`);
    }
    snapshot = step(snapshot, entry.event);
  }
  return snapshot;
}

/**
 * The snapshot to resume a session from: its saved snapshot when the machine is the one that made
 * it, otherwise a replay of its log. `replayed` tells the caller to save the fresh snapshot.
 */
export function restore(row: SessionRow, readLog: () => LogEntry[]): { snapshot: SessionSnapshot; replayed: boolean } {
  if (row.machineVersion === MACHINE_VERSION) {
    const snapshot = createActor(sessionMachine, { snapshot: JSON.parse(row.snapshot), input: { plan: row.plan, seats: row.seats } }).getSnapshot();
    if (snapshot.status !== 'error') return { snapshot, replayed: false };
  }
  return { snapshot: replay(row, readLog()), replayed: true };
}
