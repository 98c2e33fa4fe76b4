import express, { type NextFunction, type Request, type Response } from 'express';
import { HttpError } from '../http/errors.js';

/** The most better-auth is given to read: its largest real body (a name and a password) is far smaller. */
const AUTH_BODY_LIMIT = '16kb';

/**
 * Caps what better-auth reads (docs/security.md S40). better-auth reads a request's body itself,
 * without a limit, unless it was parsed already: so JSON and form bodies are parsed here, capped
 * (413), and any other body type, which better-auth's own client never sends, is refused (415).
 */
export function authBodyLimit() {
  const onlyKnownTypes = (req: Request, _res: Response, next: NextFunction) => {
    const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
    if (hasBody && !req.is(['application/json', 'application/x-www-form-urlencoded'])) {
      return next(new HttpError('BAD_REQUEST', 'Send the body as JSON.', undefined, 415));
    }
    next();
  };
  return [
    onlyKnownTypes,
    express.json({ limit: AUTH_BODY_LIMIT }),
    express.urlencoded({ limit: AUTH_BODY_LIMIT, extended: false }),
  ];
}
