import { fromNodeHeaders } from 'better-auth/node';
import type { Socket } from 'socket.io';
import { ERROR_CODES, PROTOCOL_VERSION, type ErrorCode } from '../../shared/protocol.js';
import type { Auth } from '../auth/auth.js';

export interface SocketData {
  userId: string;
  /** When the sign-in session behind this socket expires; checked on every command. */
  expiresAt: number;
}

/** A refused handshake, with the code the client reads from `err.data.code`. */
function refusal(code: ErrorCode): Error {
  return Object.assign(new Error(ERROR_CODES[code]), { data: { code, message: ERROR_CODES[code] } });
}

/**
 * Handshake middleware: the protocol version must match and the sign-in cookie must name a live
 * session. An unauthenticated socket never connects.
 */
export function authenticateSocket(auth: Auth) {
  return async (socket: Socket, next: (err?: Error) => void) => {
    try {
      if (socket.handshake.auth?.protocolVersion !== PROTOCOL_VERSION) return next(refusal('PROTOCOL_MISMATCH'));
      const found = await auth.api.getSession({ headers: fromNodeHeaders(socket.request.headers) });
      if (!found) return next(refusal('UNAUTHENTICATED'));
      const data: SocketData = { userId: found.user.id, expiresAt: new Date(found.session.expiresAt).getTime() };
      socket.data = data;
      next();
    } catch {
      next(refusal('INTERNAL'));
    }
  };
}
