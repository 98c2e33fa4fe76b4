import { randomUUID } from 'node:crypto';
import { Router, type Request } from 'express';
import { groupInputSchema, type GroupSummary, type ParsedGroupInput } from '../../../shared/schemas/rest.js';
import type { Clock } from '../../clock.js';
import type { LiveRegistry } from '../../live/registry.js';
import type { Audit } from '../../privacy/audit.js';
import { groupChange } from '../../privacy/group-audit.js';
import { groupRole } from '../../access/policy.js';
import { groupFor, READERS } from '../reach.js';
import type { GroupRow, Store } from '../../store/types.js';
import { HttpError, parseBody } from '../errors.js';
import { currentUser } from '../require-user.js';

/** Called after a group's co-facilitator was replaced or removed (docs/security.md S17). */
export type CoFacilitatorRemoved = (groupId: string, removedId: string, newId: string | null) => Promise<void>;

/** Groups: name, focus, billing code, agreements, roster in seat order, co-facilitator. */
export function groupRoutes(
  store: Store,
  clock: Clock,
  registry: LiveRegistry,
  onCoFacilitatorRemoved: CoFacilitatorRemoved = async () => {},
  audit?: Audit,
): Router {
  const router = Router();
  const summary = (group: GroupRow, userId: string): GroupSummary => ({
    id: group.id,
    name: group.name,
    focus: group.focus,
    billingCode: group.billingCode,
    agreements: group.agreements,
    leadId: group.leadId,
    coFacilitatorId: group.coFacilitatorId,
    substanceUse: group.substanceUse,
    members: store.groups.members(group.id).map(({ id, name, seat }) => ({ id, name, seat })),
    safetySteps: group.safetySteps,
    myRole: groupRole(store, group, userId) ?? 'co',
  });

  router.get('/', (req, res) => {
    const me = currentUser(req);
    const reviewed = store.reviewers.groupsOf(me.id).flatMap((id) => store.groups.get(id) ?? []);
    res.json({ groups: [...store.groups.listFor(me.id), ...reviewed].map((g) => summary(g, me.id)) });
  });

  router.post('/', (req, res) => {
    const me = currentUser(req);
    const input = checkedInput(store, req, me.id);
    const group = store.groups.create(randomUUID(), me.id, input, clock.now());
    audit?.record(groupChange(me.id, null, { group, members: store.groups.members(group.id) }));
    res.status(201).json({ group: summary(group, me.id) });
  });

  router.get('/:groupId', (req, res) => {
    const me = currentUser(req);
    res.json({ group: summary(groupFor(store, req.params.groupId!, me.id, READERS), me.id) });
  });

  router.put('/:groupId', async (req, res) => {
    const me = currentUser(req);
    const group = groupFor(store, req.params.groupId!, me.id);
    if (group.leadId !== me.id) throw new HttpError('FORBIDDEN', 'Only the lead of a group can change it.');
    const before = { group, members: store.groups.members(group.id) };
    const updated = store.groups.update(group.id, checkedInput(store, req, me.id));
    audit?.record(groupChange(me.id, before, { group: updated, members: store.groups.members(group.id) }));
    registry.forgetNames(group.id);
    if (group.coFacilitatorId && group.coFacilitatorId !== updated.coFacilitatorId) {
      await onCoFacilitatorRemoved(group.id, group.coFacilitatorId, updated.coFacilitatorId);
    }
    res.json({ group: summary(updated, me.id) });
  });

  return router;
}

function checkedInput(store: Store, req: Request, leadId: string): ParsedGroupInput {
  const input = parseBody(groupInputSchema, req.body);
  checkCoFacilitator(store, input.coFacilitatorId, leadId);
  return input;
}

export function checkCoFacilitator(store: Store, coFacilitatorId: string | null, leadId: string): void {
  if (coFacilitatorId === null) return;
  if (coFacilitatorId === leadId) throw new HttpError('BAD_REQUEST', 'The co-facilitator must be someone other than the lead.');
  if (!store.users.get(coFacilitatorId)) throw new HttpError('BAD_REQUEST', 'There is no such co-facilitator account.');
}
