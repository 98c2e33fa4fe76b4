import { fromNodeHeaders } from 'better-auth/node';
import type { NextFunction, Request, Response } from 'express';
import type { Auth } from '../auth/auth.js';
import type { Store, UserRow } from '../store/types.js';
import { HttpError } from './errors.js';

declare module 'express-serve-static-core' {
  interface Request {
    user?: UserRow;
  }
}

/** Resolves the sign-in cookie to an account, or refuses with 401. */
export function requireUser(auth: Auth, store: Store) {
  return async (req: Request, _res: Response, next: NextFunction) => {
    const found = await auth.api.getSession({ headers: fromNodeHeaders(req.headers) });
    const user = found ? store.users.get(found.user.id) : null;
    if (!user) return next(new HttpError('UNAUTHENTICATED'));
    req.user = user;
    next();
  };
}

export function currentUser(req: Request): UserRow {
  if (!req.user) throw new HttpError('UNAUTHENTICATED');
  return req.user;
}
