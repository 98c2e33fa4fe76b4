import { Router } from 'express';
import { accountSchema } from '../../../shared/schemas/rest.js';
import { createAccount, type Auth } from '../../auth/auth.js';
import type { Store } from '../../store/types.js';
import { HttpError, parseBody } from '../errors.js';
import { signIn } from '../sign-in.js';

/**
 * A server with no account offers to create the first one, an admin, and signs it in. Once any
 * account exists this route refuses, so it cannot be used to add accounts behind an admin's back.
 */
export function setupRoutes(auth: Auth, store: Store): Router {
  const router = Router();
  router.get('/', (_req, res) => {
    res.json({ needsFirstAccount: store.users.count() === 0 });
  });
  router.post('/', async (req, res) => {
    const input = parseBody(accountSchema, req.body);
    if (store.users.count() > 0) throw new HttpError('NOT_ALLOWED', 'The first account already exists: sign in instead.');
    const { id } = await createAccount(auth, { ...input, admin: true });
    await signIn(auth, req, res, input.email, input.password);
    res.status(201).json({ user: store.users.get(id) });
  });
  return router;
}
