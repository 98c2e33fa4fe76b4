import { Router } from 'express';
import { contract } from '../../../shared/rest/contract.js';
import { createAccount, type Auth } from '../../auth/auth.js';
import type { Audit } from '../../privacy/audit.js';
import type { Store } from '../../store/types.js';
import { contractRoutes } from '../contract.js';
import { HttpError } from '../errors.js';
import { signIn } from '../sign-in.js';

/**
 * A server with no account offers to create the first one, an admin, and signs it in. Once any
 * account exists this route refuses, so it cannot be used to add accounts behind an admin's back.
 */
export function setupRoutes(auth: Auth, store: Store, audit: Pick<Audit, 'record'>): Router {
  const router = Router();
  const on = contractRoutes(router, '/api/setup');
  on(contract.getSetup, async () => ({ needsFirstAccount: (await store.users.count()) === 0 }));
  // Account creation is asynchronous: without this, two racing requests could both see no
  // account and both become admins.
  let creating: Promise<unknown> = Promise.resolve();
  on(contract.createFirstAccount, async ({ body: { clinicTimeZone, clinicLocale, ...input } }, req, res) => {
    const turn = creating.then(async () => {
      if ((await store.users.count()) > 0) throw new HttpError('NOT_ALLOWED', 'The first account already exists: sign in instead.');
      return createAccount(auth, { ...input, admin: true });
    });
    creating = turn.catch(() => undefined);
    const { id } = await turn;
    await audit.record({
      actorId: id,
      action: 'account.create',
      subjectType: 'user',
      subjectId: id,
      detail: { via: 'setup', admin: true },
      address: req.ip,
    });
    // The clinic's place as the setup screen found it (the browser's zone and language, R26).
    const place = { ...(clinicTimeZone ? { clinicTimeZone } : {}), ...(clinicLocale ? { clinicLocale } : {}) };
    if (Object.keys(place).length > 0) {
      await store.settings.update(place);
      await audit.record({
        actorId: id,
        action: 'settings.update',
        subjectType: 'settings',
        subjectId: null,
        detail: { via: 'setup', changed: Object.keys(place), ...place },
        address: req.ip,
      });
    }
    await signIn(auth, req, res, input.email, input.password);
    return { user: (await store.users.get(id))! };
  });
  return router;
}
