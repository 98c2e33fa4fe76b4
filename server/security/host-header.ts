import type { NextFunction, Request, Response } from 'express';
import { HttpError } from '../http/errors.js';

/**
 * A Host header that is not a host (and port) is refused before any route (docs/security.md S58):
 * better-auth makes a URL of `X-Forwarded-Proto://Host/path` for every auth call and sign-in
 * check, and a Host such as `a b` or `x:99999` made every API route answer INTERNAL, with an error
 * line in the log for each request anyone cared to send.
 *
 * X-Forwarded-Proto is set to the protocol Express worked out (the connection's own, or the
 * proxy's word when `TRUST_PROXY` believes it), because that URL reads the raw header: a client
 * could otherwise name any scheme for better-auth to build its URLs on.
 */
export function wellFormedHost() {
  return (req: Request, _res: Response, next: NextFunction) => {
    const host = req.headers.host;
    if (host !== undefined && !isHost(host)) return next(new HttpError('BAD_REQUEST', HOST_MESSAGE));
    req.headers['x-forwarded-proto'] = req.protocol;
    next();
  };
}

export const HOST_MESSAGE = 'The Host header does not name a host.';

/**
 * A name or address, with a port or not: nothing a URL would read as a user, a path, a query or a
 * fragment. Looser than `hostNameOf` (../tls/addresses.ts), which decides what the server will
 * write back into a redirect: a container's name with an underscore is served, not repeated.
 */
export function isHost(host: string): boolean {
  if (host === '' || /[\s/\\?#@]/.test(host)) return false;
  try {
    return new URL(`http://${host}`).host !== '';
  } catch {
    return false;
  }
}
