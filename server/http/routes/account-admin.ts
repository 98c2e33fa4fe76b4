import { Router, type Request } from 'express';
import { contract } from '../../../shared/rest/contract.js';
import type { AccountSummary } from '../../../shared/schemas/accounts.js';
import { AccountRefusal, type AccountLifecycle, type Actor } from '../../accounts/lifecycle.js';
import type { AccountRow, Store } from '../../store/types.js';
import { adminRefusal } from '../../access/policy.js';
import { refuse } from '../reach.js';
import { contractRoutes } from '../contract.js';
import { HttpError } from '../errors.js';
import { currentUser } from '../require-user.js';

/**
 * The admin page's account lifecycle (docs/security.md S42, S43): list, disable, enable, change
 * role, reset a password, sign out everywhere. Admin only, every action audited with its address.
 */
export function accountAdminRoutes(store: Store, lifecycle: AccountLifecycle): Router {
  const router = Router();
  const on = contractRoutes(router, '/api');
  const admin = (req: Request): Actor => {
    const me = currentUser(req);
    refuse(adminRefusal(me, 'manage-accounts'));
    return { id: me.id, address: req.ip ?? null };
  };
  const summary = async (account: AccountRow): Promise<AccountSummary> => ({
    ...account,
    signIns: (await store.signIns.listFor(account.id, new Date().toISOString())).length,
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
  on(contract.listAccounts, async (_input, req, res) => {
    admin(req);
    res.setHeader('Cache-Control', 'no-store');
    return { accounts: await Promise.all((await store.users.accounts()).map(summary)) };
  });
  on(contract.disableAccount, async ({ params: { userId } }, req) => {
    const actor = admin(req);
    return { account: await summary(await step(() => lifecycle.disable(actor, userId))) };
  });
  on(contract.enableAccount, async ({ params: { userId } }, req) => {
    const actor = admin(req);
    return { account: await summary(await step(() => lifecycle.enable(actor, userId))) };
  });
  on(contract.setAdmin, async ({ params: { userId }, body: { admin: makeAdmin } }, req) => {
    const actor = admin(req);
    return { account: await summary(await step(() => lifecycle.setAdmin(actor, userId, makeAdmin))) };
  });
  on(contract.resetPassword, async ({ params: { userId } }, req, res) => {
    const actor = admin(req);
    const temporaryPassword = await step(() => lifecycle.resetPassword(actor, userId));
    res.setHeader('Cache-Control', 'no-store');
    return { account: await summary((await store.users.account(userId))!), temporaryPassword };
  });
  on(contract.signOutEverywhere, async ({ params: { userId } }, req) => {
    const actor = admin(req);
    await step(() => lifecycle.signOutEverywhere(actor, userId));
    return { account: await summary((await store.users.account(userId))!) };
  });
  return router;
}
