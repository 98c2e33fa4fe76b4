import { Router, type Request } from 'express';
import { roleChangeSchema, type AccountSummary, type PasswordReset } from '../../../shared/schemas/accounts.js';
import { AccountRefusal, type AccountLifecycle, type Actor } from '../../accounts/lifecycle.js';
import type { AccountRow, Store } from '../../store/types.js';
import { adminRefusal } from '../../access/policy.js';
import { refuse } from '../reach.js';
import { HttpError, parseBody } from '../errors.js';
import { currentUser } from '../require-user.js';

/**
 * The admin page's account lifecycle (docs/security.md S42, S43): list, disable, enable, change
 * role, reset a password, sign out everywhere. Admin only, every action audited with its address.
 */
export function accountAdminRoutes(store: Store, lifecycle: AccountLifecycle): Router {
  const router = Router();
  const admin = (req: Request): Actor => {
    const me = currentUser(req);
    refuse(adminRefusal(me, 'manage-accounts'));
    return { id: me.id, address: req.ip ?? null };
  };
  const summary = (account: AccountRow): AccountSummary => ({
    ...account,
    signIns: store.signIns.listFor(account.id, new Date().toISOString()).length,
  });
  /** Runs a lifecycle step, turning its refusals into the REST codes. */
  const step = async <T>(work: () => T | Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      if (error instanceof AccountRefusal) throw new HttpError(error.code, error.message);
      throw error;
    }
  };
  const userId = (req: Request) => req.params.userId as string;

  router.get('/accounts', (req, res) => {
    admin(req);
    res.setHeader('Cache-Control', 'no-store');
    res.json({ accounts: store.users.accounts().map(summary) });
  });
  router.post('/accounts/:userId/disable', async (req, res) => {
    const actor = admin(req);
    res.json({ account: summary(await step(() => lifecycle.disable(actor, userId(req)))) });
  });
  router.post('/accounts/:userId/enable', async (req, res) => {
    const actor = admin(req);
    res.json({ account: summary(await step(() => lifecycle.enable(actor, userId(req)))) });
  });
  router.put('/accounts/:userId/role', async (req, res) => {
    const actor = admin(req);
    const { admin: makeAdmin } = parseBody(roleChangeSchema, req.body);
    res.json({ account: summary(await step(() => lifecycle.setAdmin(actor, userId(req), makeAdmin))) });
  });
  router.post('/accounts/:userId/reset-password', async (req, res) => {
    const actor = admin(req);
    const temporaryPassword = await step(() => lifecycle.resetPassword(actor, userId(req)));
    const body: PasswordReset = { account: summary(store.users.account(userId(req))!), temporaryPassword };
    res.setHeader('Cache-Control', 'no-store');
    res.json(body);
  });
  router.post('/accounts/:userId/sign-out-everywhere', async (req, res) => {
    const actor = admin(req);
    await step(() => lifecycle.signOutEverywhere(actor, userId(req)));
    res.json({ account: summary(store.users.account(userId(req))!) });
  });
  return router;
}
