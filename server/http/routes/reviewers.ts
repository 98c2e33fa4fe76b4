import { Router } from 'express';
import { reviewerGrantSchema } from '../../../shared/schemas/rest.js';
import type { Clock } from '../../clock.js';
import type { Audit } from '../../privacy/audit.js';
import type { Store } from '../../store/types.js';
import { HttpError, parseBody } from '../errors.js';
import { currentUser } from '../require-user.js';
import { leadRefusal } from '../../access/policy.js';
import { groupFor, refuse } from '../reach.js';

/**
 * Reviewers: supervisors the lead of a group gives read-only access to its reviews and exports.
 * A reviewer never joins a live session and never changes a record.
 */
export function reviewerRoutes(store: Store, clock: Clock, audit: Audit): Router {
  const router = Router();

  router.get('/:groupId/reviewers', (req, res) => {
    const group = groupFor(store, req.params.groupId, currentUser(req).id);
    const reviewers = store.reviewers.list(group.id).map((r) => ({
      userId: r.userId,
      name: store.users.get(r.userId)?.name ?? '',
      grantedAt: new Date(r.grantedAt).toISOString(),
    }));
    res.json({ reviewers });
  });

  router.post('/:groupId/reviewers', (req, res) => {
    const me = currentUser(req);
    const group = leadsGroup(store, req.params.groupId, me.id);
    const { userId } = parseBody(reviewerGrantSchema, req.body);
    if (!store.users.get(userId)) throw new HttpError('BAD_REQUEST', 'There is no such account.');
    if (userId === group.leadId || userId === group.coFacilitatorId) {
      throw new HttpError('BAD_REQUEST', "The group's facilitators read its reviews already.");
    }
    if (!store.reviewers.grant(group.id, userId, me.id, clock.now()))
      throw new HttpError('NOT_ALLOWED', 'That account is a reviewer already.');
    audit.record({ actorId: me.id, action: 'group.reviewer.grant', subjectType: 'group', subjectId: group.id, detail: { userId } });
    res.status(201).json({ userId });
  });

  router.delete('/:groupId/reviewers/:userId', (req, res) => {
    const me = currentUser(req);
    const group = leadsGroup(store, req.params.groupId, me.id);
    if (!store.reviewers.revoke(group.id, req.params.userId))
      throw new HttpError('NOT_FOUND', 'That account is not a reviewer of this group.');
    audit.record({
      actorId: me.id,
      action: 'group.reviewer.revoke',
      subjectType: 'group',
      subjectId: group.id,
      detail: { userId: req.params.userId },
    });
    res.status(204).end();
  });

  return router;
}

function leadsGroup(store: Store, groupId: string, userId: string) {
  const group = groupFor(store, groupId, userId);
  refuse(leadRefusal(group, userId, 'reviewers'));
  return group;
}
