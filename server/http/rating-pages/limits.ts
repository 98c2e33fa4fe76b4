import type { Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator, rateLimit, type RateLimitInfo } from 'express-rate-limit';
import type { RatingPageLimits } from '../../config.js';
import { storeOption, type RateLimitStores } from '../../security/brute-force.js';
import { tooManyPage } from './views.js';

/**
 * The rating pages' limits per client address (docs/security.md S51): `req.ip`, which follows
 * TRUST_PROXY exactly as the sign-in limits and the socket limits do, so a forged
 * `X-Forwarded-For` moves nothing unless a trusted proxy vouches for it. Every page counts toward
 * `requestsPerMinute`; only answers that open nothing (the one calm 404 of a wrong code or link)
 * count toward `misses`, so guessing codes stops after a few tries while a kiosk rating a whole
 * group from one address never meets a limit. A limited request gets a calm 429 page. With
 * `stores`, the counts are PostgreSQL's, shared by every process (S57).
 */
export function ratingPageLimits(limits: RatingPageLimits, stores?: RateLimitStores): RequestHandler[] {
  const common = {
    keyGenerator: (req: Request) => `rating-pages:${ipKeyGenerator(req.ip ?? '')}`,
    // The answers stay the same whatever the count: no RateLimit headers to tell a guesser more.
    standardHeaders: false,
    legacyHeaders: false,
    handler: tooMany,
  } as const;
  return [
    rateLimit({ ...common, ...storeOption(stores, 'requests'), windowMs: 60_000, limit: limits.requestsPerMinute }),
    rateLimit({
      ...common,
      ...storeOption(stores, 'misses'),
      windowMs: limits.missWindowMs,
      limit: limits.misses,
      skipSuccessfulRequests: true,
      requestWasSuccessful: (_req, res) => res.statusCode !== 404,
    }),
  ];
}

function tooMany(req: Request, res: Response) {
  const reset = (req as Request & { rateLimit?: RateLimitInfo }).rateLimit?.resetTime?.getTime() ?? Date.now() + 60_000;
  res.setHeader('Retry-After', String(Math.max(1, Math.ceil((reset - Date.now()) / 1000))));
  res.status(429).type('html').send(tooManyPage());
}
