import { fromNodeHeaders, toNodeHandler } from 'better-auth/node';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { Auth } from '../auth/auth.js';
import type { Config } from '../config.js';
import { HttpError } from '../http/errors.js';
import type { Store } from '../store/types.js';
import { bruteForceGuard, emailOf } from './brute-force.js';

/** better-auth routes that end or replace sign-in sessions: sockets are re-checked after them. */
const ENDS_SIGN_INS = [
  '/api/auth/sign-out',
  '/api/auth/revoke-session',
  '/api/auth/revoke-sessions',
  '/api/auth/revoke-other-sessions',
  '/api/auth/change-password',
  '/api/auth/delete-user',
  '/api/auth/two-factor/enable',
  '/api/auth/two-factor/disable',
  '/api/auth/two-factor/verify-totp',
];

/** Everything that checks a password or a second factor: a guessing target. */
const PASSWORD_CHECKS = [
  '/api/auth/sign-in/email',
  '/api/auth/two-factor/verify-totp',
  '/api/auth/two-factor/verify-backup-code',
  '/api/auth/two-factor/enable',
  '/api/auth/two-factor/disable',
  '/api/auth/two-factor/generate-backup-codes',
  '/api/auth/change-password',
];

interface Deps {
  auth: Auth;
  store: Store;
  config: Config;
  /** Disconnects this account's sockets whose sign-in is no longer valid. */
  recheckSockets(userId: string): void;
}

/**
 * Mounts better-auth at /api/auth behind our own guards: public sign-up closed, brute-force
 * limits on sign-in (S5–S7), 2FA kept on while an admin requires it (S4), and sockets re-checked
 * as soon as a sign-out or revocation has been answered (S11).
 */
export function mountAuth(app: Express, { auth, store, config, recheckSockets }: Deps): void {
  // Public sign-up is off in better-auth too; this keeps the route from even being reached.
  app.all('/api/auth/sign-up/{*rest}', (_req, _res, next) => next(new HttpError('NOT_FOUND')));
  // Parsed here so the limiter can key on the email; better-auth reads the parsed body as is.
  app.post(PASSWORD_CHECKS, express.json({ limit: '16kb' }), ...bruteForceGuard(config.signIn, emailOf));
  app.post('/api/auth/two-factor/disable', (_req, _res, next) => {
    if (!store.settings.get().requireTwoFactor) return next();
    next(new HttpError('NOT_ALLOWED', 'This server requires two-factor sign-in, so it cannot be turned off.'));
  });
  app.post(ENDS_SIGN_INS, async (req: Request, res: Response, next: NextFunction) => {
    try {
      const found = await auth.api.getSession({ headers: fromNodeHeaders(req.headers) });
      if (found) res.on('finish', () => recheckSockets(found.user.id));
      next();
    } catch (error) {
      next(error);
    }
  });
  app.all('/api/auth/{*rest}', toNodeHandler(auth));
}
