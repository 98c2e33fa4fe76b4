import type { BetterAuthPlugin } from 'better-auth';
import { APIError, createAuthMiddleware } from 'better-auth/api';
import type { RequestHandler } from 'express';
import { HttpError } from '../http/errors.js';

/** Where better-auth is mounted. */
const AUTH_BASE = '/api/auth';

/**
 * better-auth routes that check a password or a second factor: guessing targets, behind the
 * brute-force guard (docs/security.md S5–S7, S22). Paths below AUTH_BASE, as better-auth names
 * them. `verify-password` is better-auth's own password oracle for signed-in accounts.
 */
export const PASSWORD_CHECKS: ReadonlySet<string> = new Set([
  '/sign-in/email',
  '/two-factor/verify-totp',
  '/two-factor/verify-backup-code',
  '/two-factor/verify-otp',
  '/two-factor/enable',
  '/two-factor/disable',
  '/two-factor/get-totp-uri',
  '/two-factor/generate-backup-codes',
  '/change-password',
  '/delete-user',
  '/verify-password',
  '/reset-password',
]);

/** better-auth routes that end or replace sign-in sessions: sockets are re-checked after them (S11). */
export const ENDS_SIGN_INS: ReadonlySet<string> = new Set([
  '/sign-out',
  '/revoke-session',
  '/revoke-sessions',
  '/revoke-other-sessions',
  '/change-password',
  '/delete-user',
  '/two-factor/enable',
  '/two-factor/disable',
  '/two-factor/verify-totp',
]);

/**
 * The route below AUTH_BASE that better-auth will run for `url` (a request target as it came,
 * e.g. `req.originalUrl`), or null when the spelling is not the plain one (S21). better-auth
 * parses the URL with WHATWG rules (so `/./`, `%2e`, `x/..` and `\` are resolved), refuses
 * `//` and a trailing slash, and matches case-sensitively. Rather than follow every one of those
 * rules, only a target that is already in its canonical form is let through: what the guards
 * match is then exactly what better-auth runs.
 */
function canonicalAuthRoute(url: string): string | null {
  const end = url.search(/[?#]/);
  const path = end === -1 ? url : url.slice(0, end);
  if (!path.startsWith(`${AUTH_BASE}/`)) return null;
  if (/%|\\|\/\/|\/$/.test(path)) return null;
  let resolved: string;
  try {
    resolved = new URL(`http://holdspace.invalid${url}`).pathname;
  } catch {
    return null;
  }
  if (resolved !== path || url[end] === '#') return null;
  return path.slice(AUTH_BASE.length);
}

/**
 * Refuses (404) any request for better-auth whose path is not spelled canonically, and marks
 * the ones that passed every guard so better-auth can tell (see `guardTripwire`).
 */
export function canonicalAuthPathsOnly(marker: GuardMarker): RequestHandler {
  return (req, _res, next) => {
    delete req.headers[marker.header];
    const route = canonicalAuthRoute(req.originalUrl);
    if (route === null) return next(new HttpError('NOT_FOUND', 'There is no such API route.'));
    req.authRoute = route;
    next();
  };
}

declare module 'express-serve-static-core' {
  interface Request {
    /** The better-auth route this request runs (below AUTH_BASE), once its spelling is checked. */
    authRoute?: string;
  }
}

/** A per-server secret header value that says "this request went through the Express guards". */
export interface GuardMarker {
  header: string;
  value: string;
}

/** Marks a request as having passed its guards; called last, just before better-auth. */
export const markGuarded =
  (marker: GuardMarker): RequestHandler =>
  (req, _res, next) => {
    req.headers[marker.header] = marker.value;
    next();
  };

/**
 * A better-auth plugin that refuses a guarded route reached over HTTP without the guards' mark:
 * should any spelling, body type or mounting ever slip past the Express guards, better-auth
 * itself fails closed (404) on the route it was about to run (S21). Direct `auth.api` calls from
 * the server's own code (setup, invites) have no request and are not affected.
 */
export function guardTripwire(marker: GuardMarker) {
  const guarded = new Set([...PASSWORD_CHECKS, ...ENDS_SIGN_INS]);
  return {
    id: 'holdspace-guard-tripwire',
    hooks: {
      before: [
        {
          matcher: (ctx) => ctx.request !== undefined && guarded.has(ctx.path ?? ''),
          handler: createAuthMiddleware(async (ctx) => {
            if (ctx.request?.headers.get(marker.header) !== marker.value) throw new APIError('NOT_FOUND');
          }),
        },
      ],
    },
  } satisfies BetterAuthPlugin;
}
