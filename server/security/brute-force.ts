import type { Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator, rateLimit, type RateLimitInfo, type Store } from 'express-rate-limit';
import { slowDown } from 'express-slow-down';
import type { Config } from '../config.js';
import { HttpError, sendError } from '../http/errors.js';

declare module 'express-serve-static-core' {
  interface Request {
    /** The account a guessing attempt is against (a lower-cased email), once resolved; null if none. */
    attemptAccount?: string | null;
  }
}

/** Told of failed attempts and lock-outs (the audit log records them, docs/privacy.md D2). */
export interface AttemptEvents {
  /** A guarded request was answered with a failure (4xx/5xx, not the limiter's own 429). */
  failed(req: Request, status: number): void;
  /** The first refusal of a window: the account's or the address's limit was just reached. */
  lockedOut(req: Request, by: 'account' | 'address'): void;
}

/** Names the account an attempt is against (a lower-cased email), or null when none is known. */
export type AccountOf = (req: Request) => string | null | Promise<string | null>;

/**
 * Makes the store of one limiter, by a name of its own (express-rate-limit refuses one store in
 * two limiters): PostgreSQL's when processes share it (docs/security.md S57). None: in memory.
 */
export type RateLimitStores = (name: string) => Store;

/** The `store` option of the limiter `name`: nothing (in memory) without `stores`. */
export const storeOption = (stores: RateLimitStores | undefined, name: string): { store?: Store } =>
  stores ? { store: stores(name) } : {};

/** Builds the handler chain for one route; every chain shares the same counters. */
export type BruteForceGuard = (accountOf: AccountOf) => RequestHandler[];

/**
 * Brute-force guard on everything that checks a password or a second factor (docs/security.md
 * S5–S7, S22). Only failures count (a 4xx/5xx answer); a success takes its own attempt back. After
 * `slowAfter` failures each further attempt waits longer; at the limit the key is refused
 * outright until the window has passed. Two keys, so neither a botnet on one account nor one
 * machine spraying many accounts gets far: the account (the email tried, or the signed-in
 * account) and the address (`req.ip`, which follows TRUST_PROXY). One guard serves every
 * password-taking route, so guesses spread over sign-in, unlock and the 2FA routes add up.
 */
export function bruteForceGuard(
  settings: Config['signIn'],
  events: Partial<AttemptEvents> = {},
  { message = 'Too many sign-in attempts', stores }: { message?: string; stores?: RateLimitStores | undefined } = {},
): BruteForceGuard {
  const byAddress = (req: Request) => `ip:${ipKeyGenerator(req.ip ?? '')}`;
  const byAccount = (req: Request) => `account:${req.attemptAccount}`;
  // An attempt that names no account (a malformed body, a made-up invite link) counts against its
  // address alone.
  const noAccount = (req: Request) => !req.attemptAccount;
  const common = {
    windowMs: settings.windowMs,
    skipSuccessfulRequests: true,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
  } as const;
  const refuse = (limit: number, keyGenerator: (req: Request) => string, by: 'account' | 'address') =>
    rateLimit({
      ...common,
      limit,
      keyGenerator,
      ...storeOption(stores, `refuse.${by}`),
      ...(by === 'account' ? { skip: noAccount } : {}),
      handler: (req, res) => {
        const info = (req as Request & { rateLimit?: RateLimitInfo }).rateLimit;
        // Refused requests count too, so `limit + 1` is the first refusal of this window.
        if (info?.used === limit + 1) events.lockedOut?.(req, by);
        tooMany(req, res, message);
      },
    });
  const slow = (by: 'account' | 'address', keyGenerator: (req: Request) => string, skip?: (req: Request) => boolean) =>
    slowDown({
      ...common,
      keyGenerator,
      ...storeOption(stores, `slow.${by}`),
      ...(skip ? { skip } : {}),
      delayAfter: settings.slowAfter,
      delayMs: (used) => (used - settings.slowAfter) * settings.delayStepMs,
      maxDelayMs: settings.maxDelayMs,
    });
  const limiters = [
    refuse(settings.failuresPerAddress, byAddress, 'address'),
    refuse(settings.failuresPerAccount, byAccount, 'account'),
    slow('address', byAddress),
    slow('account', byAccount, noAccount),
  ];
  // After the limiters: what they refused is a lock-out, not one more failed guess.
  const watchFailures: RequestHandler = (req, res, next) => {
    res.on('finish', () => {
      if (res.statusCode >= 400) events.failed?.(req, res.statusCode);
    });
    next();
  };
  return (accountOf) => [resolveAccount(accountOf), ...limiters, watchFailures];
}

function resolveAccount(accountOf: AccountOf): RequestHandler {
  return async (req, _res, next) => {
    try {
      const account = await accountOf(req);
      req.attemptAccount = account ? account.trim().toLowerCase().slice(0, 320) : null;
      next();
    } catch (error) {
      next(error);
    }
  };
}

/** 429 with the wait in words, and Retry-After for programs. */
function tooMany(req: Request, res: Response, what: string) {
  const info = (req as Request & { rateLimit?: RateLimitInfo }).rateLimit;
  const reset = info?.resetTime?.getTime() ?? Date.now() + 60_000;
  const seconds = Math.max(1, Math.ceil((reset - Date.now()) / 1000));
  const minutes = Math.ceil(seconds / 60);
  res.setHeader('Retry-After', String(seconds));
  const wait = minutes === 1 ? '1 minute' : `${minutes} minutes`;
  sendError(res, new HttpError('RATE_LIMITED', `${what}: try again in ${wait}.`));
}

/** The email a sign-in attempt names, if the (JSON or form) body has one. */
export const emailOf = (req: Request): string | null => {
  const email = (req.body as { email?: unknown } | undefined)?.email;
  return typeof email === 'string' ? email : null;
};
