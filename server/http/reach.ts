import { groupRole, sessionRole, type GroupRole } from '../access/policy.js';
import { isRefusal, recordAccess, type RecordGrant, type RecordView } from '../access/record.js';
import type { GroupRow, SessionRow, Store } from '../store/types.js';
import { HttpError } from './errors.js';

/** Those who run a group's sessions. */
export const FACILITATORS: readonly GroupRole[] = ['lead', 'co'];
/** Facilitators and the group's reviewers: who may read a group and its reviews. */
export const READERS: readonly GroupRole[] = ['lead', 'co', 'reviewer'];

/**
 * The group if this user has one of `roles` in it (by default: facilitates it); otherwise it does
 * not exist for them (R3). Every route reaches a group through here.
 */
export function groupFor(store: Store, groupId: string, userId: string, roles: readonly GroupRole[] = FACILITATORS): GroupRow {
  const group = store.groups.get(groupId);
  const role = group ? groupRole(store, group, userId) : null;
  if (!group || role === null || !roles.includes(role)) throw new HttpError('NOT_FOUND', 'There is no such group.');
  return group;
}

/** The session if this user has one of `roles` in it (by default: ran it); otherwise 404 (R3). */
export function sessionFor(store: Store, sessionId: string, userId: string, roles: readonly GroupRole[] = FACILITATORS): SessionRow {
  const row = store.sessions.get(sessionId);
  const role = row ? sessionRole(store, row, userId) : null;
  if (!row || role === null || !roles.includes(role)) throw new HttpError('NOT_FOUND');
  return row;
}

/**
 * The session, who the caller is to it and what of its record they may have, for a route that
 * returns the record; refused by the one rule set (`recordAccess`, ../access/record.ts).
 */
export function recordFor(store: Store, sessionId: string, userId: string, view: RecordView): RecordReach {
  const row = store.sessions.get(sessionId);
  if (!row) throw new HttpError('NOT_FOUND');
  const role = sessionRole(store, row, userId);
  const group = store.groups.get(row.groupId) ?? null;
  const outcome = recordAccess({ role, group, status: row.status }, view);
  if (isRefusal(outcome)) throw new HttpError(outcome.code, outcome.message);
  return { row, role: role!, grant: outcome };
}

export interface RecordReach {
  row: SessionRow;
  role: GroupRole;
  grant: RecordGrant;
}
