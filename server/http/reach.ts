import { type GroupRole, type Refusal } from '../access/policy.js';
import { reachGroup, reachGroupToErase, reachRecord, reachSession, refused, type RecordReach } from '../access/reach.js';
import type { RecordView } from '../access/record.js';
import type { GroupRow, SessionRow, Store } from '../store/types.js';
import { HttpError } from './errors.js';

/**
 * The REST face of ../access/: each decision made there, a refusal thrown as the route's error.
 * Every route reaches a group or a session through here.
 */
export function refuse(refusal: Refusal | null): void {
  if (refusal) throw new HttpError(refusal.code, refusal.message);
}

function granted<T extends object>(outcome: T | Refusal): T {
  if (refused(outcome)) throw new HttpError(outcome.code, outcome.message);
  return outcome;
}

export async function groupFor(store: Store, groupId: string, userId: string, roles?: readonly GroupRole[]): Promise<GroupRow> {
  return granted(await reachGroup(store, groupId, userId, roles));
}

export async function groupToErase(store: Store, groupId: string, user: { id: string; admin: boolean }): Promise<GroupRow> {
  return granted(await reachGroupToErase(store, groupId, user));
}

export async function sessionFor(store: Store, sessionId: string, userId: string, roles?: readonly GroupRole[]): Promise<SessionRow> {
  return granted(await reachSession(store, sessionId, userId, roles));
}

export async function recordFor(store: Store, sessionId: string, userId: string, view: RecordView): Promise<RecordReach> {
  return granted(await reachRecord(store, await store.sessions.get(sessionId), userId, view));
}
