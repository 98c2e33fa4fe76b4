import type { Auth } from '../auth/auth.js';
import type { Audit, AuditAction, AuditDetail } from '../privacy/audit.js';
import type { AccountRow, Store } from '../store/types.js';
import { temporaryPassword } from './temporary-password.js';

/** Who acts: an admin's account id (REST) or `cli`, and the address the request came from. */
export interface Actor {
  id: string;
  address: string | null;
}

/** A lifecycle step that may not be taken; `code` picks the HTTP status, `message` is for a person. */
export class AccountRefusal extends Error {
  constructor(
    readonly code: 'NOT_FOUND' | 'NOT_ALLOWED',
    message: string,
  ) {
    super(message);
  }
}

interface LifecycleDeps {
  auth: Auth;
  store: Store;
  audit: Audit;
  /** Closes the account's sockets whose sign-in no longer holds (none in the CLI's process). */
  closeSockets: (userId: string) => Promise<void>;
}

/**
 * The account lifecycle an admin needs (docs/security.md S42, S43), one place for the admin page
 * and the CLI. Nothing is deleted: a disabled account keeps its name on every past record.
 */
export function accountLifecycle({ auth, store, audit, closeSockets }: LifecycleDeps) {
  const target = (userId: string): AccountRow => {
    const account = store.users.account(userId);
    if (!account) throw new AccountRefusal('NOT_FOUND', 'There is no such account.');
    return account;
  };
  const isLastAdmin = (account: AccountRow) => account.admin && !account.disabled && store.users.activeAdminCount() <= 1;
  const record = (actor: Actor, action: AuditAction, userId: string, detail: AuditDetail = {}) =>
    audit.record({
      actorId: actor.id,
      action,
      subjectType: 'user',
      subjectId: userId,
      detail,
      address: actor.address,
    });
  /** Ends every sign-in at once: the rows go, then the sockets that stood on them. */
  const endSignIns = async (userId: string) => {
    const ended = store.signIns.revokeAll(userId);
    await closeSockets(userId);
    return ended;
  };

  return {
    async disable(actor: Actor, userId: string): Promise<AccountRow> {
      const account = target(userId);
      if (userId === actor.id) throw new AccountRefusal('NOT_ALLOWED', 'You cannot disable your own account.');
      if (isLastAdmin(account)) throw new AccountRefusal('NOT_ALLOWED', 'This is the last admin: make someone else an admin first.');
      store.transaction(() => {
        store.users.setDisabled(userId, true);
        record(actor, 'account.disable', userId);
      });
      const signIns = await endSignIns(userId);
      record(actor, 'account.sign-out-everywhere', userId, { signIns });
      return target(userId);
    },

    enable(actor: Actor, userId: string): AccountRow {
      target(userId);
      store.transaction(() => {
        store.users.setDisabled(userId, false);
        record(actor, 'account.enable', userId);
      });
      return target(userId);
    },

    setAdmin(actor: Actor, userId: string, admin: boolean): AccountRow {
      const account = target(userId);
      if (!admin && isLastAdmin(account))
        throw new AccountRefusal('NOT_ALLOWED', 'This is the last admin: make someone else an admin first.');
      store.transaction(() => {
        store.users.setAdmin(userId, admin);
        record(actor, 'account.role', userId, { admin });
      });
      return target(userId);
    },

    /** Returns the temporary password, to be shown once and never stored or logged anywhere else. */
    async resetPassword(actor: Actor, userId: string): Promise<string> {
      target(userId);
      if (userId === actor.id) throw new AccountRefusal('NOT_ALLOWED', 'Change your own password on your Account page.');
      const password = temporaryPassword();
      const ctx = await auth.$context;
      await ctx.internalAdapter.updatePassword(userId, await ctx.password.hash(password));
      store.transaction(() => {
        store.users.setMustChangePassword(userId, true);
        record(actor, 'account.password-reset', userId);
      });
      // Whoever was signed in with the old password is out.
      const signIns = await endSignIns(userId);
      record(actor, 'account.sign-out-everywhere', userId, { signIns });
      return password;
    },

    async signOutEverywhere(actor: Actor, userId: string): Promise<number> {
      target(userId);
      const signIns = await endSignIns(userId);
      record(actor, 'account.sign-out-everywhere', userId, { signIns });
      return signIns;
    },
  };
}

export type AccountLifecycle = ReturnType<typeof accountLifecycle>;
