import type { NextFunction, Request, Response } from 'express';
import { HttpError } from '../http/errors.js';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Cross-site request forgery guard for every state-changing request (docs/security.md S10, S28).
 * Browsers say where a request came from: `Sec-Fetch-Site` (all current browsers) and `Origin`
 * (every current browser sends it on every POST, PUT, PATCH and DELETE, same-origin included). A
 * request is refused when either says "another site", and when it carries a cookie but no
 * `Origin`: a sign-in rides only on a cookie, and a cookie with no `Origin` is either an old or
 * tampered browser or a client that can set its own headers anyway, so asking it costs nothing.
 * better-auth refuses the same on its own routes (MISSING_OR_NULL_ORIGIN); one rule for both.
 * A request with no cookie holds no sign-in a forger could ride on (curl on the setup route, a
 * health check), so it may omit the headers. This is the check OWASP lists first; a token scheme
 * would add a round trip and guard nothing more here, since the session cookie is also
 * SameSite=Lax.
 */
export function refuseCrossSite(publicUrl: string | null) {
  const fixed = publicUrl ? new URL(publicUrl).origin : null;
  return (req: Request, _res: Response, next: NextFunction) => {
    if (SAFE.has(req.method)) return next();
    const site = req.get('sec-fetch-site');
    if (site !== undefined && site !== 'same-origin' && site !== 'none') return next(refused());
    const origin = req.get('origin');
    if (origin === undefined && req.get('cookie') !== undefined) return next(unnamed());
    if (origin !== undefined && origin !== fixed && origin !== requestOrigin(req)) return next(refused());
    next();
  };
}

/** The origin this request was addressed to; behind a trusted proxy, the one the browser used. */
export function requestOrigin(req: Request): string {
  return `${req.protocol}://${req.host}`;
}

function refused(): HttpError {
  return new HttpError('FORBIDDEN', 'This request came from another site and was refused.');
}

function unnamed(): HttpError {
  return new HttpError('FORBIDDEN', 'This request did not say which site it came from (no Origin header) and was refused.');
}
