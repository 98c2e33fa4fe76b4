import type { GroupRow, SessionRow, Store } from '../store/types.js';
import { FACILITATORS, groupRole, sessionRole, type GroupRole, type Refusal } from './policy.js';
import { isRefusal, recordAccess, type RecordGrant, type RecordView } from './record.js';

/**
 * How a caller reaches a group, a session or a session's record: the one decision REST
 * (../http/reach.ts) and sockets (../live/registry.ts) both ask. Someone with no role that may
 * reach it is told it does not exist (R3), so an outsider learns nothing.
 */
const NO_GROUP: Refusal = { code: 'NOT_FOUND', message: 'There is no such group.' };
const NO_SESSION: Refusal = { code: 'NOT_FOUND', message: 'There is no such session.' };

export const refused = <T extends object>(outcome: T | Refusal): outcome is Refusal => 'code' in outcome && 'message' in outcome;

/** The group if this user has one of `roles` in it (by default: facilitates it). */
export function reachGroup(store: Store, groupId: string, userId: string, roles: readonly GroupRole[] = FACILITATORS): GroupRow | Refusal {
  const group = store.groups.get(groupId);
  const role = group ? groupRole(store, group, userId) : null;
  return group && role !== null && roles.includes(role) ? group : NO_GROUP;
}

/** An admin erases a member in any group (docs/privacy.md D11); a facilitator reaches only their own. */
export function reachGroupToErase(store: Store, groupId: string, user: { id: string; admin: boolean }): GroupRow | Refusal {
  if (!user.admin) return reachGroup(store, groupId, user.id);
  return store.groups.get(groupId) ?? NO_GROUP;
}

/** The session if this user has one of `roles` in it (by default: ran it). */
export function reachSession(
  store: Store,
  sessionId: string,
  userId: string,
  roles: readonly GroupRole[] = FACILITATORS,
): SessionRow | Refusal {
  const row = store.sessions.get(sessionId);
  const role = row ? sessionRole(store, row, userId) : null;
  return row && role !== null && roles.includes(role) ? row : NO_SESSION;
}

export interface RecordReach {
  row: SessionRow;
  role: GroupRole;
  grant: RecordGrant;
}

/** The session, who the caller is to it and what of its record they may have (`recordAccess`). */
export function reachRecord(store: Store, row: SessionRow | null, userId: string, view: RecordView): RecordReach | Refusal {
  if (!row) return NO_SESSION;
  const role = sessionRole(store, row, userId);
  const group = store.groups.get(row.groupId) ?? null;
  const outcome = recordAccess({ role, group, status: row.status }, view);
  return isRefusal(outcome) ? outcome : { row, role: role!, grant: outcome };
}

/**
 * Whether this user may reach the session's live state (`recordAccess` for 'state'). Asked on
 * every command and join, so it does not read the group: that answer never depends on it (a
 * Part 2 group limits full copies only), and the read was a database query per command.
 */
export function mayReachLiveState(store: Store, row: SessionRow, userId: string): boolean {
  return !isRefusal(recordAccess({ role: sessionRole(store, row, userId), group: null, status: row.status }, 'state'));
}
