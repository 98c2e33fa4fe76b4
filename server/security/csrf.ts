import type { NextFunction, Request, Response } from 'express';
import { HttpError } from '../http/errors.js';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Cross-site request forgery guard for every state-changing request (docs/security.md S10).
 * Browsers say where a request came from: `Sec-Fetch-Site` (all current browsers) and `Origin`
 * (on every cross-origin POST). A request is refused when either says "another site"; one with
 * neither header is not from a browser page (curl, the test client), and carries no ambient
 * cookie a forger could ride on. This is the check OWASP lists first and the one better-auth
 * applies to its own routes; a token scheme would add a round trip and guard nothing more here,
 * since the session cookie is also SameSite=Lax.
 */
export function refuseCrossSite(publicUrl: string | null) {
  const fixed = publicUrl ? new URL(publicUrl).origin : null;
  return (req: Request, _res: Response, next: NextFunction) => {
    if (SAFE.has(req.method)) return next();
    const site = req.get('sec-fetch-site');
    if (site !== undefined && site !== 'same-origin' && site !== 'none') return next(refused());
    const origin = req.get('origin');
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
