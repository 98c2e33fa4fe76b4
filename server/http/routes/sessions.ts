import { Router } from 'express';
import { contract } from '../../../shared/rest/contract.js';
import type { SessionSummary } from '../../../shared/schemas/rest.js';
import type { Clock } from '../../clock.js';
import type { LiveSessions } from '../../live/live-sessions.js';
import type { SessionViews } from '../../live/views.js';
import type { Audit, AuditInput } from '../../privacy/audit.js';
import { plannedSession } from '../../live/snapshot.js';
import type { SessionRow, Store } from '../../store/types.js';
import { contractRoutes } from '../contract.js';
import { HttpError } from '../errors.js';
import { currentUser } from '../require-user.js';
import { leadRefusal, READERS } from '../../access/policy.js';
import { groupFor, recordFor, refuse } from '../reach.js';
import { checkCoFacilitator } from './groups.js';
import { recordStateOf } from './record-work.js';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * Current for summaries: the row's version is its log's newest entry, and its status and times
 * are saved with every change of status.
 */
export const sessionSummary = (row: SessionRow): SessionSummary => ({
  id: row.id,
  groupId: row.groupId,
  status: row.status,
  leadId: row.leadId,
  coFacilitatorId: row.coFacilitatorId,
  createdAt: iso(row.createdAt)!,
  startedAt: iso(row.startedAt),
  endedAt: iso(row.endedAt),
  version: row.version,
});

/** Planning sessions, listing them, and reading one's state and phase log (facilitators only). */
export function sessionRoutes(
  store: Store,
  clock: Clock,
  live: { sessions: LiveSessions; views: SessionViews },
  audit: Pick<Audit, 'record'>,
): Router {
  const router = Router();
  const on = contractRoutes(router, '/api');
  // A read of the whole record is audited (docs/privacy.md D2): who, which session, which view.
  const audited = async (
    actorId: string,
    action: AuditInput['action'],
    sessionId: string,
    detail: AuditInput['detail'],
    address?: string,
  ) => audit.record({ actorId, action, subjectType: 'session', subjectId: sessionId, detail, address: address ?? null });

  on(contract.listGroupSessions, async ({ params }, req) => {
    const group = await groupFor(store, params.groupId, currentUser(req).id, READERS);
    const rows = await store.sessions.listForGroup(group.id);
    return {
      sessions: await Promise.all(rows.map(async (row) => ({ ...sessionSummary(row), record: await recordStateOf(store, row) }))),
    };
  });

  on(contract.createSession, async ({ params, body: input }, req) => {
    const me = currentUser(req);
    const group = await groupFor(store, params.groupId, me.id);
    const coFacilitatorId = input.coFacilitatorId === undefined ? group.coFacilitatorId : input.coFacilitatorId;
    if (coFacilitatorId !== group.coFacilitatorId) refuse(leadRefusal(group, me.id, 'other-co'));
    await checkCoFacilitator(store, coFacilitatorId, group.leadId);
    const seats = (await store.groups.members(group.id)).map((m) => m.id);
    if (seats.length === 0) throw new HttpError('BAD_REQUEST', 'Add members to the group before planning a session.');
    const row = plannedSession({
      groupId: group.id,
      leadId: group.leadId,
      coFacilitatorId,
      plan: input.plan,
      seats,
      createdAt: clock.now(),
    });
    await store.sessions.create(row);
    return { session: sessionSummary(row) };
  });

  on(contract.listMySessions, async (_input, req) => {
    const me = currentUser(req);
    // A session's co-facilitator may not facilitate its group otherwise; they still see its name.
    const groupName = async (groupId: string) => (await store.groups.get(groupId))?.name ?? '';
    const rows = await store.sessions.listFor(me.id);
    const sessions = await Promise.all(
      rows.map(async (row) => ({
        ...sessionSummary(row),
        groupName: await groupName(row.groupId),
        record: await recordStateOf(store, row),
      })),
    );
    return { sessions };
  });

  // Both return the whole record, as `recordAccess` allows (../../access/record.ts): the state to
  // the session's facilitators; the raw log to them too, but to the lead alone for a Part 2 group.
  on(contract.getSession, async ({ params }, req) => {
    const me = currentUser(req);
    const { row, grant } = await recordFor(store, params.sessionId, me.id, 'state');
    await audited(me.id, 'session.read', row.id, { view: 'state' }, req.ip);
    const held = await live.sessions.find(row.id);
    return {
      session: sessionSummary(row),
      update: await (held ? live.views.update(held, null) : live.views.storedUpdate(row)),
      notice: grant.notice,
    };
  });

  on(contract.getSessionLog, async ({ params }, req) => {
    const me = currentUser(req);
    const { row, grant } = await recordFor(store, params.sessionId, me.id, 'log');
    await audited(me.id, 'session.read', row.id, { view: 'log' }, req.ip);
    return { sessionId: row.id, entries: await store.sessions.log(row.id), notice: grant.notice };
  });

  return router;
}
