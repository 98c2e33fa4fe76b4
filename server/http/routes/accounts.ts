import { Router } from 'express';
import { newAccountSchema } from '../../../shared/schemas/rest.js';
import type { MeResponse } from '../../../shared/schemas/security.js';
import { AccountExistsError, createAccount, type Auth } from '../../auth/auth.js';
import type { Audit } from '../../privacy/audit.js';
import type { Store } from '../../store/types.js';
import { adminRefusal } from '../../access/policy.js';
import { refuse } from '../reach.js';
import { HttpError, parseBody } from '../errors.js';
import { currentSignIn, currentUser } from '../require-user.js';

/** The signed-in account, the accounts one can pick as co-facilitator, and admin account creation. */
export function accountRoutes(auth: Auth, store: Store, audit: Pick<Audit, 'record'>): Router {
  const router = Router();
  router.get('/me', (req, res) => {
    const { twoFactorEnabled, hold } = currentSignIn(req);
    const me: MeResponse = {
      user: currentUser(req),
      twoFactorEnabled,
      mustEnrolTwoFactor: hold === 'TWO_FACTOR_REQUIRED',
      locked: hold === 'LOCKED',
      mustChangePassword: hold === 'PASSWORD_CHANGE_REQUIRED',
    };
    res.json(me);
  });
  router.get('/facilitators', (req, res) => {
    const me = currentUser(req);
    const facilitators = store.users
      .list()
      .filter((u) => u.id !== me.id)
      .map(({ id, name }) => ({ id, name }));
    res.json({ facilitators });
  });
  router.post('/accounts', async (req, res) => {
    const me = currentUser(req);
    refuse(adminRefusal(me, 'add-accounts'));
    const input = parseBody(newAccountSchema, req.body);
    try {
      const { id } = await createAccount(auth, input);
      audit.record({
        actorId: me.id,
        action: 'account.create',
        subjectType: 'user',
        subjectId: id,
        detail: { via: 'admin', admin: input.admin },
        address: req.ip,
      });
      res.status(201).json({ user: store.users.get(id) });
    } catch (error) {
      if (error instanceof AccountExistsError) throw new HttpError('NOT_ALLOWED', error.message);
      throw error;
    }
  });
  return router;
}
