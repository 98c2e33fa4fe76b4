import { fromNodeHeaders } from 'better-auth/node';
import type { Socket } from 'socket.io';
import { ERROR_CODES, PROTOCOL_VERSION, type ErrorCode } from '../../shared/protocol.js';
import type { Auth } from '../auth/auth.js';
import { holdOf, socketRefusal } from '../access/sign-in.js';
import type { Store } from '../store/types.js';
import { isStorageUnavailable, UNAVAILABLE_MESSAGE } from '../store/unavailable.js';

export interface SocketData {
  userId: string;
  /** When the sign-in session behind this socket expires; checked on every command. */
  expiresAt: number;
  /** better-auth's id of that sign-in session: re-checked on every command (docs/security.md S11). */
  signInId: string;
  /** The client's address as Express's `req.ip` reads it (TRUST_PROXY), for the limits per address. */
  address: string;
}

/** A refused handshake, with the code the client reads from `err.data.code`. */
export function refusal(code: ErrorCode, message: string = ERROR_CODES[code]): Error {
  return Object.assign(new Error(message), { data: { code, message } });
}

/**
 * Handshake middleware: the protocol version must match and the sign-in cookie must name a live
 * session. An unauthenticated socket never connects; nor does a locked screen or an account that
 * still has to set up required 2FA (docs/security.md S4, S18). Origins and the handshake rate are
 * checked before this (./origin.ts, ./admission.ts).
 */
export function authenticateSocket(auth: Auth, store: Store) {
  // Socket.IO ignores what a middleware returns: every path ends in `next`, errors included.
  return (socket: Socket, next: (err?: Error) => void): void => void check(socket, next);
  async function check(socket: Socket, next: (err?: Error) => void) {
    try {
      if (socket.handshake.auth?.protocolVersion !== PROTOCOL_VERSION) return next(refusal('PROTOCOL_MISMATCH'));
      const found = await auth.api.getSession({ headers: fromNodeHeaders(socket.request.headers) });
      const account = found ? await store.users.account(found.user.id) : null;
      if (!found || !account || account.disabled) return next(refusal('UNAUTHENTICATED'));
      const hold = await holdOf(store, found.session.id, Boolean(found.user.twoFactorEnabled), account.mustChangePassword);
      if (hold) return next(refusal(hold));
      const data: Omit<SocketData, 'address'> = {
        userId: found.user.id,
        expiresAt: new Date(found.session.expiresAt).getTime(),
        signInId: found.session.id,
      };
      Object.assign(socket.data, data); // beside the address the handshake limit put there
      next();
    } catch (error) {
      // The database out of reach (PostgreSQL restarting) passes: the client connects again.
      next(isStorageUnavailable(error) ? refusal('STORAGE_FAILED', UNAVAILABLE_MESSAGE) : refusal('INTERNAL'));
    }
  }
}

/** Refusal for a socket whose sign-in has expired (by our clock) or no longer holds (S11). */
export async function signInRefusal(data: SocketData, store: Store, now: number): Promise<ErrorCode | null> {
  if (now >= data.expiresAt) return 'UNAUTHENTICATED';
  return socketRefusal(store, data.signInId, data.userId);
}
