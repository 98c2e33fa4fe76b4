import type { ErrorCode } from '../../shared/protocol.js';
import type { Store } from '../store/types.js';

/** What a valid sign-in may still be kept from: a locked screen, a reset password, or 2FA not yet set up. */
export type Hold = Extract<ErrorCode, 'LOCKED' | 'PASSWORD_CHANGE_REQUIRED' | 'TWO_FACTOR_REQUIRED'>;

/**
 * The one rule for REST and socket alike (docs/security.md S4, S18, S43): a locked screen may only
 * unlock; an account whose password an admin reset may only change it; under "require
 * two-factor" an account without it may only enrol.
 */
export async function holdOf(store: Store, signInId: string, twoFactorEnabled: boolean, mustChangePassword: boolean): Promise<Hold | null> {
  if (await store.signIns.isLocked(signInId)) return 'LOCKED';
  if (mustChangePassword) return 'PASSWORD_CHANGE_REQUIRED';
  if (!twoFactorEnabled && (await store.settings.get()).requireTwoFactor) return 'TWO_FACTOR_REQUIRED';
  return null;
}

/**
 * Re-checks a socket's sign-in against the database on every command (S11): signed out,
 * revoked, expired, disabled (S42), locked, reset (S43) or missing 2FA all stop it at once. One
 * statement (on PostgreSQL one per event-loop turn, for every command in it); no cache, so a
 * sign-out cannot be outrun.
 */
export async function socketRefusal(store: Store, signInId: string, userId: string): Promise<ErrorCode | null> {
  const found = await store.signIns.check(signInId, new Date().toISOString());
  if (!found || found.userId !== userId) return 'UNAUTHENTICATED';
  if (found.locked) return 'LOCKED';
  if (found.mustChangePassword) return 'PASSWORD_CHANGE_REQUIRED';
  if (!found.twoFactorEnabled && found.twoFactorRequired) return 'TWO_FACTOR_REQUIRED';
  return null;
}
