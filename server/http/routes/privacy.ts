import { Router, type Request } from 'express';
import { contract } from '../../../shared/rest/contract.js';
import type { Clock } from '../../clock.js';
import type { LiveSessions } from '../../live/live-sessions.js';
import type { Audit } from '../../privacy/audit.js';
import type { Retention } from '../../privacy/retention.js';
import type { Store } from '../../store/types.js';
import { contractRoutes } from '../contract.js';
import { HttpError } from '../errors.js';
import { adminRefusal, erasureRefusal } from '../../access/policy.js';
import { groupToErase, refuse } from '../reach.js';
import { currentUser } from '../require-user.js';

interface Deps {
  store: Store;
  audit: Audit;
  clock: Clock;
  registry: LiveSessions;
  retention: Retention;
}

/** Retention setting and purge (admins), and member erasure (the group's lead or an admin). */
export function privacyRoutes({ store, audit, clock, registry, retention }: Deps): Router {
  const router = Router();
  const on = contractRoutes(router, '/api');
  const admin = (req: Request) => {
    const me = currentUser(req);
    refuse(adminRefusal(me, 'retention'));
    return me;
  };

  on(contract.getRetention, async (_input, req) => {
    admin(req);
    return { retentionDays: (await store.settings.get()).retentionDays };
  });

  on(contract.saveRetention, async ({ body: { retentionDays } }, req) => {
    const me = admin(req);
    // Recorded first: a change that cannot be recorded is not made (D4).
    await audit.record({
      actorId: me.id,
      action: 'settings.retention',
      subjectType: 'settings',
      subjectId: 'retentionDays',
      detail: { retentionDays },
    });
    await store.settings.update({ retentionDays });
    return { retentionDays: (await store.settings.get()).retentionDays };
  });

  on(contract.purge, async (_input, req) => {
    const result = await retention.purge(admin(req).id);
    return { ...result, cutoff: result.cutoff === null ? null : new Date(result.cutoff).toISOString() };
  });

  on(contract.eraseMember, async ({ params: { groupId, memberId } }, req) => {
    const me = currentUser(req);
    const group = await groupToErase(store, groupId, me);
    refuse(erasureRefusal(group, me));
    const entry = audit.entry({
      actorId: me.id,
      action: 'member.erase',
      subjectType: 'member',
      subjectId: memberId,
      detail: { groupId: group.id },
    });
    if (!(await store.privacy.eraseMember(group.id, memberId, clock.now(), entry))) {
      throw new HttpError('NOT_FOUND', 'There is no such member, or they were already erased.');
    }
    // Live screens pick the tombstone up with their next update.
    registry.forgetNames(group.id);
    return { member: (await store.groups.membersById([memberId]))[0] ?? null };
  });

  return router;
}
