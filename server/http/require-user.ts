import { fromNodeHeaders } from 'better-auth/node';
import type { NextFunction, Request, Response } from 'express';
import type { Auth } from '../auth/auth.js';
import { holdOf, type Hold } from '../security/gate.js';
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
};

/**
 * Resolves the sign-in cookie to an account, or refuses with 401. A locked screen, or an account
 * that must still set up required 2FA, is refused everything but its way out.
 */
export function requireUser(auth: Auth, store: Store) {
  return async (req: Request, _res: Response, next: NextFunction) => {
    const found = await auth.api.getSession({ headers: fromNodeHeaders(req.headers) });
    const user = found ? store.users.get(found.user.id) : null;
    if (!found || !user) return next(new HttpError('UNAUTHENTICATED'));
    const twoFactorEnabled = Boolean(found.user.twoFactorEnabled);
    const hold = holdOf(store, found.session.id, twoFactorEnabled);
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
