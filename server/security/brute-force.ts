import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator, rateLimit, type RateLimitInfo } from 'express-rate-limit';
import { slowDown } from 'express-slow-down';
import type { Config } from '../config.js';
import { HttpError, sendError } from '../http/errors.js';

/**
 * Brute-force guard on everything that checks a password or a second factor (docs/security.md
 * S5–S7). Only failures count (a 4xx/5xx answer); a success takes its own attempt back. After
 * `slowAfter` failures each further attempt waits longer; at the limit the key is refused
 * outright until the window has passed. Two keys, so neither a botnet on one account nor one
 * machine spraying many accounts gets far: the account (the email tried, or the signed-in
 * account for an unlock) and the address (`req.ip`, which follows TRUST_PROXY).
 */
export function bruteForceGuard(settings: Config['signIn'], accountOf: (req: Request) => string | null): RequestHandler[] {
  const byAddress = (req: Request) => `ip:${ipKeyGenerator(req.ip ?? '')}`;
  const byAccount = (req: Request) => {
    const account = accountOf(req);
    return account ? `account:${account.toLowerCase()}` : byAddress(req);
  };
  const common = {
    windowMs: settings.windowMs,
    skipSuccessfulRequests: true,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
  } as const;
  const refuse = (limit: number, keyGenerator: (req: Request) => string) =>
    rateLimit({ ...common, limit, keyGenerator, handler: tooMany });
  const slow = (keyGenerator: (req: Request) => string) =>
    slowDown({
      ...common,
      keyGenerator,
      delayAfter: settings.slowAfter,
      delayMs: (used) => (used - settings.slowAfter) * settings.delayStepMs,
      maxDelayMs: settings.maxDelayMs,
    });
  return [
    refuse(settings.failuresPerAddress, byAddress),
    refuse(settings.failuresPerAccount, byAccount),
    slow(byAddress),
    slow(byAccount),
  ];
}

/** 429 with the wait in words, and Retry-After for programs. */
function tooMany(req: Request, res: Response, _next: NextFunction) {
  const info = (req as Request & { rateLimit?: RateLimitInfo }).rateLimit;
  const reset = info?.resetTime?.getTime() ?? Date.now() + 60_000;
  const seconds = Math.max(1, Math.ceil((reset - Date.now()) / 1000));
  const minutes = Math.ceil(seconds / 60);
  res.setHeader('Retry-After', String(seconds));
  const wait = minutes === 1 ? '1 minute' : `${minutes} minutes`;
  sendError(res, new HttpError('RATE_LIMITED', `Too many sign-in attempts: try again in ${wait}.`));
}

/** The email a sign-in attempt names, if the body has one. */
export const emailOf = (req: Request): string | null =>
  typeof req.body?.email === 'string' ? req.body.email.slice(0, 320) : null;
