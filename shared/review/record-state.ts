import type { SessionStatus } from '../session/view.js';

/**
 * Where a session stands as a record (docs/review.md §What needs doing, R28): the words the
 * home page and the group page show for it, and what waits for whom. Derived from facts the
 * server reads (status, lock, addenda, notes, a reviewer's last read); nothing here is stored.
 */
export const RECORD_STATES = ['lobby', 'live', 'paused', 'needsSignature', 'signed', 'addendum'] as const;
export type RecordState = (typeof RECORD_STATES)[number];

export const RECORD_STATE_WORDS: Record<RecordState, string> = {
  lobby: 'In the lobby',
  live: 'Live',
  paused: 'Paused',
  needsSignature: 'Needs signature',
  signed: 'Signed',
  addendum: 'Addendum',
};

export interface RecordFacts {
  status: SessionStatus;
  /** When the first signature locked the record, or null. */
  lockedAt: number | null;
  /** Addenda to the session or to any of its progress notes, when they were written. */
  addendaAt: readonly number[];
}

/** An open session's status; an ended one needs signing until signed; an addendum after that shows. */
export function recordState({ status, lockedAt, addendaAt }: RecordFacts): RecordState {
  if (status !== 'ended') return status;
  if (lockedAt === null) return 'needsSignature';
  return addendaAt.length > 0 ? 'addendum' : 'signed';
}

export type WorkReason = 'notes' | 'sign' | 'read' | 'readAddendum';

export const WORK_REASON_WORDS: Record<WorkReason, string> = {
  notes: 'Write the progress notes and sign',
  sign: 'Sign',
  read: 'New to read',
  readAddendum: 'Addendum to read',
};

/** An ended session waiting for the person signed in, as the home page lists it. */
export interface WorkItem {
  sessionId: string;
  groupId: string;
  groupName: string;
  /** ISO 8601, or null for a session that never started. */
  startedAt: string | null;
  state: RecordState;
  reason: WorkReason;
  /** Progress notes of members who attended saved at least once, of those due (facilitators' items). */
  notes: { written: number; due: number } | null;
}

/**
 * What a session asks of one of its facilitators: nothing once signed; until then its notes
 * written (every member who attended has a saved note) and then the signature.
 */
export function facilitatorWork(facts: RecordFacts, notes: { written: number; due: number }): WorkReason | null {
  if (recordState(facts) !== 'needsSignature') return null;
  return notes.written < notes.due ? 'notes' : 'sign';
}

/**
 * What a session asks of a reviewer of its group: a signed record to read once it is signed,
 * and again after each addendum. `readAt` is when they last opened its review (null: never).
 */
export function reviewerWork(facts: RecordFacts, readAt: number | null): WorkReason | null {
  const state = recordState(facts);
  if (state !== 'signed' && state !== 'addendum') return null;
  if (readAt === null) return 'read';
  const changed = Math.max(facts.lockedAt!, ...facts.addendaAt);
  if (readAt >= changed) return null;
  return readAt >= facts.lockedAt! ? 'readAddendum' : 'read';
}
