import { Router } from 'express';
import { contract } from '../../../shared/rest/contract.js';
import { describeDevice } from '../../accounts/device.js';
import type { Audit } from '../../privacy/audit.js';
import type { Store } from '../../store/types.js';
import { contractRoutes } from '../contract.js';
import { HttpError } from '../errors.js';
import { currentSignIn, currentUser } from '../require-user.js';

/**
 * My own sign-ins (docs/security.md S44): where this account is signed in, and ending any other
 * one. Tokens never leave the server: a sign-in is named by its id, and only its owner's count.
 */
export function signInRoutes(store: Store, audit: Audit, closeSockets: (userId: string) => Promise<void>): Router {
  const router = Router();
  const on = contractRoutes(router, '/api');
  on(contract.listMySignIns, async (_input, req, res) => {
    const me = currentUser(req);
    const current = currentSignIn(req).id;
    const signIns = (await store.signIns.listFor(me.id, new Date().toISOString())).map((s) => ({
      id: s.id,
      device: describeDevice(s.userAgent),
      address: s.ipAddress || null,
      signedInAt: s.createdAt,
      lastActiveAt: s.updatedAt,
      current: s.id === current,
    }));
    res.setHeader('Cache-Control', 'no-store');
    return { signIns };
  });
  // Ending someone else's sign-in is not possible here: the delete is keyed by my own account.
  on(contract.endMySignIn, async ({ params }, req) => {
    const me = currentUser(req);
    if (params.signInId === currentSignIn(req).id)
      throw new HttpError('NOT_ALLOWED', 'This is the sign-in you are using: sign out instead.');
    if (await store.signIns.revoke(me.id, params.signInId)) {
      await audit.record({
        actorId: me.id,
        action: 'account.sign-in-revoke',
        subjectType: 'user',
        subjectId: me.id,
        detail: req.ip ? { address: req.ip } : {},
      });
      await closeSockets(me.id);
    }
    return null;
  });
  return router;
}
