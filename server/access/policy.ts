import type { GroupRow, SessionRow, Store } from '../store/types.js';

/**
 * Who someone is to a group or a session — the one place the server decides it (docs/security.md,
 * authorization matrix). A lead or co-facilitator runs and reviews; a reviewer reads reviews and
 * exports, and never joins a live session; anyone else, admins included, is nobody here.
 */
export type GroupRole = 'lead' | 'co' | 'reviewer';

export async function groupRole(
  store: Store,
  group: Pick<GroupRow, 'id' | 'leadId' | 'coFacilitatorId'>,
  userId: string,
): Promise<GroupRole | null> {
  if (group.leadId === userId) return 'lead';
  if (group.coFacilitatorId === userId) return 'co';
  return (await store.reviewers.isReviewer(group.id, userId)) ? 'reviewer' : null;
}

/** A session's own facilitators: those it was planned with (no read needed to know them). */
export function facilitatorRole(row: Pick<SessionRow, 'leadId' | 'coFacilitatorId'>, userId: string): 'lead' | 'co' | null {
  if (row.leadId === userId) return 'lead';
  if (row.coFacilitatorId === userId) return 'co';
  return null;
}

/** A session's own facilitators are those it was planned with; reviewers come from its group. */
export async function sessionRole(
  store: Store,
  row: Pick<SessionRow, 'groupId' | 'leadId' | 'coFacilitatorId'>,
  userId: string,
): Promise<GroupRole | null> {
  return facilitatorRole(row, userId) ?? ((await store.reviewers.isReviewer(row.groupId, userId)) ? 'reviewer' : null);
}

/** Those who run a group's sessions. */
export const FACILITATORS: readonly GroupRole[] = ['lead', 'co'];
/** Facilitators and the group's reviewers: who may read a group and its reviews. */
export const READERS: readonly GroupRole[] = ['lead', 'co', 'reviewer'];

/** Why someone may not do something: the code and a sentence for the person (R1). */
export type Refusal = { code: 'NOT_FOUND' | 'FORBIDDEN'; message: string };

/** What only a group's lead does to it (a co-facilitator runs sessions, and no more). */
export type LeadAction = 'edit' | 'invite' | 'reviewers' | 'other-co';

const LEAD_ONLY: Record<LeadAction, string> = {
  edit: 'Only the lead of a group can change it.',
  invite: 'Only the lead of a group can invite a co-facilitator.',
  reviewers: 'Only the lead of a group chooses its reviewers.',
  'other-co': "Only the group's lead can choose another co-facilitator.",
};

/** Refuses a lead's action to anyone else; a caller has already reached the group (`reachGroup`). */
export function leadRefusal(group: Pick<GroupRow, 'leadId'>, userId: string, action: LeadAction): Refusal | null {
  return group.leadId === userId ? null : { code: 'FORBIDDEN', message: LEAD_ONLY[action] };
}

/** What only an admin does (docs/security.md, authorization matrix). */
export type AdminAction = 'add-accounts' | 'manage-accounts' | 'security-settings' | 'audit' | 'retention';

const ADMIN_ONLY: Record<AdminAction, string> = {
  'add-accounts': 'Only an admin can add accounts.',
  'manage-accounts': 'Only an admin can manage accounts.',
  'security-settings': 'Only an admin can change security settings.',
  audit: 'Only an admin can read the audit log.',
  retention: 'Only an admin can do that.',
};

export function adminRefusal(user: { admin: boolean }, action: AdminAction): Refusal | null {
  return user.admin ? null : { code: 'FORBIDDEN', message: ADMIN_ONLY[action] };
}

/** An admin erases a member in any group (docs/privacy.md D11); a facilitator only as its lead. */
export function erasureRefusal(group: Pick<GroupRow, 'leadId'>, user: { id: string; admin: boolean }): Refusal | null {
  if (user.admin || group.leadId === user.id) return null;
  return { code: 'FORBIDDEN', message: 'Only the lead of a group or an admin can erase a member.' };
}
