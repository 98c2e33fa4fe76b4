import type { IncomingMessage } from 'node:http';
import type { Express } from 'express';

/**
 * The client address of a socket's handshake request, exactly as Express's `req.ip` reads it for
 * REST: with TRUST_PROXY unset, the connection's own address (an `X-Forwarded-For` is ignored,
 * since anyone can send one); behind a trusted proxy, the address that proxy vouches for. One
 * notion of "an address" for the sign-in limits (docs/security.md S6) and the socket limits.
 */
export function clientAddressOf(app: Express) {
  return (req: IncomingMessage): string => {
    // Express's request prototype computes `ip` from `headers`, the socket and the app's `trust proxy`.
    const view = Object.create(app.request, {
      headers: { value: req.headers },
      socket: { value: req.socket },
      connection: { value: req.socket },
    }) as { ip?: string };
    return view.ip ?? req.socket.remoteAddress ?? 'unknown';
  };
}
