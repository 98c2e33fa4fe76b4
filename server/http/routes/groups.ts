import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { contract } from '../../../shared/rest/contract.js';
import type { GroupSummary, ParsedGroupInput } from '../../../shared/schemas/rest.js';
import type { Clock } from '../../clock.js';
import type { LiveSessions } from '../../live/live-sessions.js';
import type { Audit } from '../../privacy/audit.js';
import { groupChange } from '../../privacy/group-audit.js';
import { groupRole, leadRefusal, READERS } from '../../access/policy.js';
import { groupFor, refuse } from '../reach.js';
import type { GroupRow, Store } from '../../store/types.js';
import { contractRoutes } from '../contract.js';
import { HttpError } from '../errors.js';
import { currentUser } from '../require-user.js';

/** Called after a group's co-facilitator was replaced or removed (docs/security.md S17). */
export type CoFacilitatorRemoved = (groupId: string, removedId: string, newId: string | null) => Promise<void>;

/** Groups: name, focus, billing code, agreements, roster in seat order, co-facilitator. */
export function groupRoutes(
  store: Store,
  clock: Clock,
  registry: LiveSessions,
  onCoFacilitatorRemoved: CoFacilitatorRemoved = async () => {},
  audit?: Audit,
): Router {
  const router = Router();
  const on = contractRoutes(router, '/api/groups');
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
    trendSettings: group.trendSettings,
    ratingItems: group.ratingItems,
    myRole: groupRole(store, group, userId) ?? 'co',
  });

  on(contract.listGroups, (_input, req) => {
    const me = currentUser(req);
    const reviewed = store.reviewers.groupsOf(me.id).flatMap((id) => store.groups.get(id) ?? []);
    return { groups: [...store.groups.listFor(me.id), ...reviewed].map((g) => summary(g, me.id)) };
  });

  on(contract.createGroup, ({ body }, req) => {
    const me = currentUser(req);
    const input = checkedInput(store, body, me.id);
    const group = store.groups.create(randomUUID(), me.id, input, clock.now());
    audit?.record(groupChange(me.id, null, { group, members: store.groups.members(group.id) }));
    return { group: summary(group, me.id) };
  });

  on(contract.getGroup, ({ params }, req) => {
    const me = currentUser(req);
    return { group: summary(groupFor(store, params.groupId, me.id, READERS), me.id) };
  });

  on(contract.updateGroup, async ({ params, body }, req) => {
    const me = currentUser(req);
    const group = groupFor(store, params.groupId, me.id);
    refuse(leadRefusal(group, me.id, 'edit'));
    const before = { group, members: store.groups.members(group.id) };
    const updated = store.groups.update(group.id, checkedInput(store, body, me.id));
    audit?.record(groupChange(me.id, before, { group: updated, members: store.groups.members(group.id) }));
    registry.forgetNames(group.id);
    if (group.coFacilitatorId && group.coFacilitatorId !== updated.coFacilitatorId) {
      await onCoFacilitatorRemoved(group.id, group.coFacilitatorId, updated.coFacilitatorId);
    }
    return { group: summary(updated, me.id) };
  });

  return router;
}

function checkedInput(store: Store, input: ParsedGroupInput, leadId: string): ParsedGroupInput {
  checkCoFacilitator(store, input.coFacilitatorId, leadId);
  return input;
}

export function checkCoFacilitator(store: Store, coFacilitatorId: string | null, leadId: string): void {
  if (coFacilitatorId === null) return;
  if (coFacilitatorId === leadId) throw new HttpError('BAD_REQUEST', 'The co-facilitator must be someone other than the lead.');
  if (!store.users.get(coFacilitatorId)) throw new HttpError('BAD_REQUEST', 'There is no such co-facilitator account.');
}
