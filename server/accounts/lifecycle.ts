import type { Auth } from '../auth/auth.js';
import type { Audit, AuditAction, AuditDetail, AuditInput } from '../privacy/audit.js';
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
  const target = async (userId: string): Promise<AccountRow> => {
    const account = await store.users.account(userId);
    if (!account) throw new AccountRefusal('NOT_FOUND', 'There is no such account.');
    return account;
  };
  const isLastAdmin = async (account: AccountRow) => account.admin && !account.disabled && (await store.users.activeAdminCount()) <= 1;
  const about = (actor: Actor, action: AuditAction, userId: string, detail: AuditDetail = {}): AuditInput => ({
    actorId: actor.id,
    action,
    subjectType: 'user',
    subjectId: userId,
    detail,
    address: actor.address,
  });
  /** The audit entry a store write takes, to write it in the same transaction (docs/privacy.md D4). */
  const entry = (actor: Actor, action: AuditAction, userId: string, detail?: AuditDetail) =>
    audit.entry(about(actor, action, userId, detail));
  /** Ends every sign-in at once: the rows go, then the sockets that stood on them; then the record of it. */
  const endSignIns = async (actor: Actor, userId: string) => {
    const signIns = await store.signIns.revokeAll(userId);
    await closeSockets(userId);
    await audit.record(about(actor, 'account.sign-out-everywhere', userId, { signIns }));
    return signIns;
  };

  return {
    async disable(actor: Actor, userId: string): Promise<AccountRow> {
      const account = await target(userId);
      if (userId === actor.id) throw new AccountRefusal('NOT_ALLOWED', 'You cannot disable your own account.');
      if (await isLastAdmin(account)) throw new AccountRefusal('NOT_ALLOWED', 'This is the last admin: make someone else an admin first.');
      await store.users.setDisabled(userId, true, entry(actor, 'account.disable', userId));
      await endSignIns(actor, userId);
      return target(userId);
    },

    async enable(actor: Actor, userId: string): Promise<AccountRow> {
      await target(userId);
      await store.users.setDisabled(userId, false, entry(actor, 'account.enable', userId));
      return target(userId);
    },

    async setAdmin(actor: Actor, userId: string, admin: boolean): Promise<AccountRow> {
      const account = await target(userId);
      if (!admin && (await isLastAdmin(account)))
        throw new AccountRefusal('NOT_ALLOWED', 'This is the last admin: make someone else an admin first.');
      await store.users.setAdmin(userId, admin, entry(actor, 'account.role', userId, { admin }));
      return target(userId);
    },

    /** Returns the temporary password, to be shown once and never stored or logged anywhere else. */
    async resetPassword(actor: Actor, userId: string): Promise<string> {
      await target(userId);
      if (userId === actor.id) throw new AccountRefusal('NOT_ALLOWED', 'Change your own password on your Account page.');
      const password = temporaryPassword();
      const ctx = await auth.$context;
      await ctx.internalAdapter.updatePassword(userId, await ctx.password.hash(password));
      await store.users.setMustChangePassword(userId, true, entry(actor, 'account.password-reset', userId));
      // Whoever was signed in with the old password is out.
      await endSignIns(actor, userId);
      return password;
    },

    async signOutEverywhere(actor: Actor, userId: string): Promise<number> {
      await target(userId);
      return endSignIns(actor, userId);
    },
  };
}

export type AccountLifecycle = ReturnType<typeof accountLifecycle>;
