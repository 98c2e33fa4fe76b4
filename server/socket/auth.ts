import { fromNodeHeaders } from 'better-auth/node';
import type { Socket } from 'socket.io';
import { ERROR_CODES, PROTOCOL_VERSION, type ErrorCode } from '../../shared/protocol.js';
import type { Auth } from '../auth/auth.js';
import { holdOf, socketRefusal } from '../security/gate.js';
import type { Store } from '../store/types.js';

export interface SocketData {
  userId: string;
  /** When the sign-in session behind this socket expires; checked on every command. */
  expiresAt: number;
  /** better-auth's id of that sign-in session: re-checked on every command (docs/security.md S11). */
  signInId: string;
}

/** A refused handshake, with the code the client reads from `err.data.code`. */
function refusal(code: ErrorCode): Error {
  return Object.assign(new Error(ERROR_CODES[code]), { data: { code, message: ERROR_CODES[code] } });
}

/**
 * Handshake middleware: the protocol version must match and the sign-in cookie must name a live
 * session. An unauthenticated socket never connects; nor does a locked screen or an account that
 * still has to set up required 2FA (docs/security.md S4, S18). Origins are checked before this
 * (./origin.ts).
 */
export function authenticateSocket(auth: Auth, store: Store) {
  return async (socket: Socket, next: (err?: Error) => void) => {
    try {
      if (socket.handshake.auth?.protocolVersion !== PROTOCOL_VERSION) return next(refusal('PROTOCOL_MISMATCH'));
      const found = await auth.api.getSession({ headers: fromNodeHeaders(socket.request.headers) });
      const account = found ? store.users.account(found.user.id) : null;
      if (!found || !account || account.disabled) return next(refusal('UNAUTHENTICATED'));
      const hold = holdOf(store, found.session.id, Boolean(found.user.twoFactorEnabled), account.mustChangePassword);
      if (hold) return next(refusal(hold));
      const data: SocketData = {
        userId: found.user.id,
        expiresAt: new Date(found.session.expiresAt).getTime(),
        signInId: found.session.id,
      };
      socket.data = data;
      next();
    } catch {
      next(refusal('INTERNAL'));
    }
  };
}

/** Refusal for a socket whose sign-in has expired (by our clock) or no longer holds (S11). */
export function signInRefusal(data: SocketData, store: Store, now: number): ErrorCode | null {
  if (now >= data.expiresAt) return 'UNAUTHENTICATED';
  return socketRefusal(store, data.signInId, data.userId);
}
