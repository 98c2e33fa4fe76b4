import { fromNodeHeaders } from 'better-auth/node';
import type { NextFunction, Request, Response } from 'express';
import type { Auth } from '../auth/auth.js';
import { holdOf, type Hold } from '../access/sign-in.js';
import type { Store, UserRow } from '../store/types.js';
import { HttpError } from './errors.js';

/** The better-auth sign-in session behind a request, and what (if anything) holds it back. */
export interface SignIn {
  id: string;
  twoFactorEnabled: boolean;
  hold: Hold | null;
}

declare module 'express-serve-static-core' {
  interface Request {
    user?: UserRow;
    signIn?: SignIn;
  }
}

/** The only routes a held sign-in may reach (docs/security.md S4, S18); paths are below /api. */
const OPEN_WHEN_HELD: Record<Hold, ReadonlySet<string>> = {
  LOCKED: new Set(['GET /me', 'POST /unlock']),
  TWO_FACTOR_REQUIRED: new Set(['GET /me']),
  // The new password is set through better-auth's /api/auth/change-password, outside this guard.
  PASSWORD_CHANGE_REQUIRED: new Set(['GET /me']),
};

/**
 * Resolves the sign-in cookie to an account, or refuses with 401 (also a disabled account). A
 * locked screen, a reset password or required 2FA not yet set up is refused everything but its
 * way out.
 */
export function requireUser(auth: Auth, store: Store) {
  return async (req: Request, _res: Response, next: NextFunction) => {
    const found = await auth.api.getSession({ headers: fromNodeHeaders(req.headers) });
    const account = found ? await store.users.account(found.user.id) : null;
    // Disabling deletes the sign-ins too; this refuses one that raced with it (S42).
    if (!found || !account || account.disabled) return next(new HttpError('UNAUTHENTICATED'));
    const user = (await store.users.get(account.id))!;
    const twoFactorEnabled = Boolean(found.user.twoFactorEnabled);
    const hold = await holdOf(store, found.session.id, twoFactorEnabled, account.mustChangePassword);
    if (hold && !OPEN_WHEN_HELD[hold].has(`${req.method} ${req.path}`)) return next(new HttpError(hold));
    req.user = user;
    req.signIn = { id: found.session.id, twoFactorEnabled, hold };
    next();
  };
}

export function currentUser(req: Request): UserRow {
  if (!req.user) throw new HttpError('UNAUTHENTICATED');
  return req.user;
}

export function currentSignIn(req: Request): SignIn {
  if (!req.signIn) throw new HttpError('UNAUTHENTICATED');
  return req.signIn;
}
