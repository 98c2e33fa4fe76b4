import { Router, type Request } from 'express';
import { z } from 'zod';
import type { Clock } from '../../clock.js';
import type { LiveSessions } from '../../live/live-sessions.js';
import type { Audit } from '../../privacy/audit.js';
import type { Retention } from '../../privacy/retention.js';
import type { Store } from '../../store/types.js';
import { HttpError, parseBody } from '../errors.js';
import { adminRefusal, erasureRefusal } from '../../access/policy.js';
import { groupToErase, refuse } from '../reach.js';
import { currentUser } from '../require-user.js';

/** 1 day to 100 years; null keeps ended sessions for ever (the default). */
const retentionSchema = z.strictObject({ retentionDays: z.number().int().min(1).max(36_500).nullable() });

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
  const admin = (req: Request) => {
    const me = currentUser(req);
    refuse(adminRefusal(me, 'retention'));
    return me;
  };

  router.get('/admin/retention', (req, res) => {
    admin(req);
    res.json({ retentionDays: store.settings.get().retentionDays });
  });

  router.put('/admin/retention', (req, res) => {
    const me = admin(req);
    const { retentionDays } = parseBody(retentionSchema, req.body);
    // Recorded first: a change that cannot be recorded is not made (D4).
    audit.record({
      actorId: me.id,
      action: 'settings.retention',
      subjectType: 'settings',
      subjectId: 'retentionDays',
      detail: { retentionDays },
    });
    store.settings.update({ retentionDays });
    res.json({ retentionDays: store.settings.get().retentionDays });
  });

  router.post('/admin/purge', (req, res) => {
    const result = retention.purge(admin(req).id);
    res.json({ ...result, cutoff: result.cutoff === null ? null : new Date(result.cutoff).toISOString() });
  });

  router.post('/groups/:groupId/members/:memberId/erase', (req, res) => {
    const me = currentUser(req);
    const group = groupToErase(store, req.params.groupId, me);
    refuse(erasureRefusal(group, me));
    const memberId = req.params.memberId;
    const record = () =>
      audit.record({ actorId: me.id, action: 'member.erase', subjectType: 'member', subjectId: memberId, detail: { groupId: group.id } });
    if (!store.privacy.eraseMember(group.id, memberId, clock.now(), record)) {
      throw new HttpError('NOT_FOUND', 'There is no such member, or they were already erased.');
    }
    // Live screens pick the tombstone up with their next update.
    registry.forgetNames(group.id);
    res.json({ member: store.groups.membersById([memberId])[0] ?? null });
  });

  return router;
}
