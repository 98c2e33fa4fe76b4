import { Router } from 'express';
import { contract } from '../../../shared/rest/contract.js';
import type { Clock } from '../../clock.js';
import type { Audit } from '../../privacy/audit.js';
import type { Store } from '../../store/types.js';
import { contractRoutes } from '../contract.js';
import { HttpError } from '../errors.js';
import { currentUser } from '../require-user.js';
import { leadRefusal } from '../../access/policy.js';
import { groupFor, refuse } from '../reach.js';

/**
 * Reviewers: supervisors the lead of a group gives read-only access to its reviews and exports.
 * A reviewer never joins a live session and never changes a record.
 */
export function reviewerRoutes(store: Store, clock: Clock, audit: Audit): Router {
  const router = Router();
  const on = contractRoutes(router, '/api/groups');

  on(contract.listReviewers, async ({ params }, req) => {
    const group = await groupFor(store, params.groupId, currentUser(req).id);
    const reviewers = await Promise.all(
      (await store.reviewers.list(group.id)).map(async (r) => ({
        userId: r.userId,
        name: (await store.users.get(r.userId))?.name ?? '',
        grantedAt: new Date(r.grantedAt).toISOString(),
      })),
    );
    return { reviewers };
  });

  on(contract.addReviewer, async ({ params, body: { userId } }, req) => {
    const me = currentUser(req);
    const group = await leadsGroup(store, params.groupId, me.id);
    if (!(await store.users.get(userId))) throw new HttpError('BAD_REQUEST', 'There is no such account.');
    if (userId === group.leadId || userId === group.coFacilitatorId) {
      throw new HttpError('BAD_REQUEST', "The group's facilitators read its reviews already.");
    }
    if (!(await store.reviewers.grant(group.id, userId, me.id, clock.now())))
      throw new HttpError('NOT_ALLOWED', 'That account is a reviewer already.');
    await audit.record({ actorId: me.id, action: 'group.reviewer.grant', subjectType: 'group', subjectId: group.id, detail: { userId } });
    return { userId };
  });

  on(contract.removeReviewer, async ({ params }, req) => {
    const me = currentUser(req);
    const group = await leadsGroup(store, params.groupId, me.id);
    if (!(await store.reviewers.revoke(group.id, params.userId))) {
      throw new HttpError('NOT_FOUND', 'That account is not a reviewer of this group.');
    }
    await audit.record({
      actorId: me.id,
      action: 'group.reviewer.revoke',
      subjectType: 'group',
      subjectId: group.id,
      detail: { userId: params.userId },
    });
    return null;
  });

  return router;
}

async function leadsGroup(store: Store, groupId: string, userId: string) {
  const group = await groupFor(store, groupId, userId);
  refuse(leadRefusal(group, userId, 'reviewers'));
  return group;
}
