import type { GroupRow, MemberRow } from '../store/types.js';
import type { AuditInput } from './audit.js';

interface GroupState {
  group: GroupRow;
  members: readonly Pick<MemberRow, 'id' | 'name'>[];
}

const FIELDS = ['name', 'focus', 'billingCode', 'agreements', 'coFacilitatorId', 'substanceUse', 'safetySteps'] as const;

/**
 * The audit entry for a group created (`before` null) or changed: which fields changed and which
 * member ids joined, left or were renamed — the names and texts themselves never (D3).
 */
export function groupChange(actorId: string, before: GroupState | null, after: GroupState): AuditInput {
  const old = new Map(before?.members.map((m) => [m.id, m.name]) ?? []);
  const now = new Set(after.members.map((m) => m.id));
  const changed: string[] = FIELDS.filter((f) => before === null || before.group[f] !== after.group[f]);
  // The thresholds are one field: changed when any of them is (their values are no secret, but one entry is enough).
  if (before === null || JSON.stringify(before.group.trendSettings) !== JSON.stringify(after.group.trendSettings)) {
    changed.push('trendSettings');
  }
  // So is the rating scale (docs/ratings.md): its labels are the clinic's wording, not a member's.
  if (before === null || JSON.stringify(before.group.ratingItems) !== JSON.stringify(after.group.ratingItems)) {
    changed.push('ratingItems');
  }
  return {
    actorId,
    action: before === null ? 'group.create' : 'group.update',
    subjectType: 'group',
    subjectId: after.group.id,
    detail: {
      changed,
      added: after.members.filter((m) => !old.has(m.id)).map((m) => m.id),
      removed: [...old.keys()].filter((id) => !now.has(id)),
      renamed: after.members.filter((m) => old.has(m.id) && old.get(m.id) !== m.name).map((m) => m.id),
      coFacilitatorId: after.group.coFacilitatorId,
      substanceUse: after.group.substanceUse,
    },
  };
}

/**
 * The entry for an accepted invite that made its new account the group's co-facilitator
 * (docs/security.md S16): the account is the actor, the lead who made the link is named by id.
 */
export function coFacilitatorByInvite(
  group: Pick<GroupRow, 'id' | 'coFacilitatorId'>,
  userId: string,
  invitedBy: string,
  address: string | undefined,
): AuditInput {
  return {
    actorId: userId,
    action: 'group.update',
    subjectType: 'group',
    subjectId: group.id,
    detail: {
      changed: ['coFacilitatorId'],
      via: 'invite',
      invitedBy,
      coFacilitatorId: userId,
      previousCoFacilitatorId: group.coFacilitatorId,
    },
    address: address ?? null,
  };
}
