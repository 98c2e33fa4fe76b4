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
  const summary = async (group: GroupRow, userId: string): Promise<GroupSummary> => ({
    id: group.id,
    name: group.name,
    focus: group.focus,
    billingCode: group.billingCode,
    agreements: group.agreements,
    leadId: group.leadId,
    coFacilitatorId: group.coFacilitatorId,
    substanceUse: group.substanceUse,
    members: (await store.groups.members(group.id)).map(({ id, name, seat }) => ({ id, name, seat })),
    safetySteps: group.safetySteps,
    trendSettings: group.trendSettings,
    ratingItems: group.ratingItems,
    myRole: (await groupRole(store, group, userId)) ?? 'co',
  });

  on(contract.listGroups, async (_input, req) => {
    const me = currentUser(req);
    const reviewed = (await Promise.all((await store.reviewers.groupsOf(me.id)).map((id) => store.groups.get(id)))).filter(
      (group) => group !== null,
    );
    return { groups: await Promise.all([...(await store.groups.listFor(me.id)), ...reviewed].map((g) => summary(g, me.id))) };
  });

  on(contract.createGroup, async ({ body }, req) => {
    const me = currentUser(req);
    const input = await checkedInput(store, body, me.id);
    const group = await store.groups.create(randomUUID(), me.id, input, clock.now());
    await audit?.record(groupChange(me.id, null, { group, members: await store.groups.members(group.id) }));
    return { group: await summary(group, me.id) };
  });

  on(contract.getGroup, async ({ params }, req) => {
    const me = currentUser(req);
    return { group: await summary(await groupFor(store, params.groupId, me.id, READERS), me.id) };
  });

  on(contract.updateGroup, async ({ params, body }, req) => {
    const me = currentUser(req);
    const group = await groupFor(store, params.groupId, me.id);
    refuse(leadRefusal(group, me.id, 'edit'));
    const before = { group, members: await store.groups.members(group.id) };
    const updated = await store.groups.update(group.id, await checkedInput(store, body, me.id));
    await audit?.record(groupChange(me.id, before, { group: updated, members: await store.groups.members(group.id) }));
    registry.forgetNames(group.id);
    if (group.coFacilitatorId && group.coFacilitatorId !== updated.coFacilitatorId) {
      await onCoFacilitatorRemoved(group.id, group.coFacilitatorId, updated.coFacilitatorId);
    }
    return { group: await summary(updated, me.id) };
  });

  return router;
}

async function checkedInput(store: Store, input: ParsedGroupInput, leadId: string): Promise<ParsedGroupInput> {
  await checkCoFacilitator(store, input.coFacilitatorId, leadId);
  return input;
}

export async function checkCoFacilitator(store: Store, coFacilitatorId: string | null, leadId: string): Promise<void> {
  if (coFacilitatorId === null) return;
  if (coFacilitatorId === leadId) throw new HttpError('BAD_REQUEST', 'The co-facilitator must be someone other than the lead.');
  if (!(await store.users.get(coFacilitatorId))) throw new HttpError('BAD_REQUEST', 'There is no such co-facilitator account.');
}
