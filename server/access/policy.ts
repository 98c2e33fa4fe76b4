import type { GroupRow, SessionRow, Store } from '../store/types.js';

/**
 * Who someone is to a group or a session — the one place the server decides it (docs/security.md,
 * authorization matrix). A lead or co-facilitator runs and reviews; a reviewer reads reviews and
 * exports, and never joins a live session; anyone else, admins included, is nobody here.
 */
export type GroupRole = 'lead' | 'co' | 'reviewer';

export function groupRole(store: Store, group: Pick<GroupRow, 'id' | 'leadId' | 'coFacilitatorId'>, userId: string): GroupRole | null {
  if (group.leadId === userId) return 'lead';
  if (group.coFacilitatorId === userId) return 'co';
  return store.reviewers.isReviewer(group.id, userId) ? 'reviewer' : null;
}

/** A session's own facilitators are those it was planned with; reviewers come from its group. */
export function sessionRole(
  store: Store,
  row: Pick<SessionRow, 'groupId' | 'leadId' | 'coFacilitatorId'>,
  userId: string,
): GroupRole | null {
  if (row.leadId === userId) return 'lead';
  if (row.coFacilitatorId === userId) return 'co';
  return store.reviewers.isReviewer(row.groupId, userId) ? 'reviewer' : null;
}
