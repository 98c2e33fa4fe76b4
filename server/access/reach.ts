import type { GroupRow, SessionRow, Store } from '../store/types.js';
import { FACILITATORS, facilitatorRole, groupRole, sessionRole, type GroupRole, type Refusal } from './policy.js';
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
export async function reachGroup(
  store: Store,
  groupId: string,
  userId: string,
  roles: readonly GroupRole[] = FACILITATORS,
): Promise<GroupRow | Refusal> {
  const group = await store.groups.get(groupId);
  const role = group ? await groupRole(store, group, userId) : null;
  return group && role !== null && roles.includes(role) ? group : NO_GROUP;
}

/** An admin erases a member in any group (docs/privacy.md D11); a facilitator reaches only their own. */
export async function reachGroupToErase(store: Store, groupId: string, user: { id: string; admin: boolean }): Promise<GroupRow | Refusal> {
  if (!user.admin) return reachGroup(store, groupId, user.id);
  return (await store.groups.get(groupId)) ?? NO_GROUP;
}

/** The session if this user has one of `roles` in it (by default: ran it). */
export async function reachSession(
  store: Store,
  sessionId: string,
  userId: string,
  roles: readonly GroupRole[] = FACILITATORS,
): Promise<SessionRow | Refusal> {
  const row = await store.sessions.get(sessionId);
  const role = row ? await sessionRole(store, row, userId) : null;
  return row && role !== null && roles.includes(role) ? row : NO_SESSION;
}

export interface RecordReach {
  row: SessionRow;
  role: GroupRole;
  grant: RecordGrant;
}

/** The session, who the caller is to it and what of its record they may have (`recordAccess`). */
export async function reachRecord(store: Store, row: SessionRow | null, userId: string, view: RecordView): Promise<RecordReach | Refusal> {
  if (!row) return NO_SESSION;
  const role = await sessionRole(store, row, userId);
  const group = await store.groups.get(row.groupId);
  const outcome = recordAccess({ role, group, status: row.status }, view);
  return isRefusal(outcome) ? outcome : { row, role: role!, grant: outcome };
}

/**
 * Whether this user may reach the session's live state (`recordAccess` for 'state'). Asked on
 * every command and join, so it reads nothing and answers at once: not the group (a Part 2 group
 * limits full copies only), and not the reviewers, since a reviewer never reaches the live state
 * (R3): only the session's own facilitators can be granted it.
 */
export function mayReachLiveState(row: SessionRow, userId: string): boolean {
  return !isRefusal(recordAccess({ role: facilitatorRole(row, userId), group: null, status: row.status }, 'state'));
}
