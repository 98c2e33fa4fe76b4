import { Router } from 'express';
import { contract } from '../../../shared/rest/contract.js';
import { AccountExistsError, createAccount, type Auth } from '../../auth/auth.js';
import type { Audit } from '../../privacy/audit.js';
import type { Store } from '../../store/types.js';
import { adminRefusal } from '../../access/policy.js';
import { refuse } from '../reach.js';
import { contractRoutes } from '../contract.js';
import { HttpError } from '../errors.js';
import { currentSignIn, currentUser } from '../require-user.js';

/** The signed-in account, the accounts one can pick as co-facilitator, and admin account creation. */
export function accountRoutes(auth: Auth, store: Store, audit: Pick<Audit, 'record'>): Router {
  const router = Router();
  const on = contractRoutes(router, '/api');
  on(contract.getMe, (_input, req) => {
    const { twoFactorEnabled, hold } = currentSignIn(req);
    return {
      user: currentUser(req),
      twoFactorEnabled,
      mustEnrolTwoFactor: hold === 'TWO_FACTOR_REQUIRED',
      locked: hold === 'LOCKED',
      mustChangePassword: hold === 'PASSWORD_CHANGE_REQUIRED',
    };
  });
  on(contract.listFacilitators, async (_input, req) => {
    const me = currentUser(req);
    const facilitators = (await store.users.list()).filter((u) => u.id !== me.id).map(({ id, name }) => ({ id, name }));
    return { facilitators };
  });
  on(contract.addAccount, async ({ body: input }, req) => {
    const me = currentUser(req);
    refuse(adminRefusal(me, 'add-accounts'));
    try {
      const { id } = await createAccount(auth, input);
      await audit.record({
        actorId: me.id,
        action: 'account.create',
        subjectType: 'user',
        subjectId: id,
        detail: { via: 'admin', admin: input.admin },
        address: req.ip,
      });
      return { user: (await store.users.get(id))! };
    } catch (error) {
      if (error instanceof AccountExistsError) throw new HttpError('NOT_ALLOWED', error.message);
      throw error;
    }
  });
  return router;
}
