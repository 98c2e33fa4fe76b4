import type { Socket } from 'socket.io';
import { HOST_MESSAGE, isHost } from '../security/host-header.js';
import { refusal } from './auth.js';

/** Why a socket from another origin was refused: the person may simply be on the wrong address. */
export const CROSS_ORIGIN_MESSAGE =
  "This page is not from this Holdspace server's own address, so it may not connect: open Holdspace at its address.";

/**
 * Refuses a socket opened by a page of another origin (cross-site WebSocket hijacking): a browser
 * always sends Origin, and it must be this server's own host. Clients that are not browsers send
 * none and are judged by their cookie alone.
 *
 * A Host header that names no host is refused `BAD_REQUEST` here too (S58).
 *
 * The first handshake middleware, so nothing else — the sign-in cookie above all — is looked at
 * for such a socket. It is refused `FORBIDDEN` in `connect_error` (docs/protocol.md P19), which
 * Socket.IO clients do not retry, where a refusal by `allowRequest` was an HTTP 403 with no code
 * that they retried forever; and its connection is then closed, not left open for Socket.IO's
 * connect timeout.
 */
export function refuseCrossOrigin(publicUrl: string | null) {
  const fixedHost = publicUrl ? new URL(publicUrl).host : null;
  const allowed = (origin: string, host: string | undefined) => {
    try {
      const from = new URL(origin).host;
      return from === host || from === fixedHost;
    } catch {
      return false;
    }
  };
  const refusalOf = ({ origin, host }: { origin?: string; host?: string }): Error | null => {
    // The sign-in check builds a URL of the Host (S58): one that names no host is the client's mistake.
    if (host !== undefined && !isHost(host)) return refusal('BAD_REQUEST', HOST_MESSAGE);
    if (origin === undefined || allowed(origin, host)) return null;
    return refusal('FORBIDDEN', CROSS_ORIGIN_MESSAGE);
  };
  return (socket: Socket, next: (err?: Error) => void) => {
    const refused = refusalOf(socket.request.headers);
    if (!refused) return next();
    next(refused);
    // After Socket.IO has written the refusal (it does so on the next tick): close the transport.
    setImmediate(() => socket.conn.close());
  };
}
