import type { IncomingMessage } from 'node:http';
import type { Socket } from 'socket.io';
import { refusal, type SocketData } from './auth.js';
import type { SocketLimiter } from './limits.js';

type Next = (err?: Error) => void;

/**
 * Before the sign-in is looked up: the handshake rate per client address (docs/protocol.md P20),
 * so that reconnecting in a loop costs the server one bucket, not a database read each time.
 * Records the address for the limits per address.
 */
export function limitHandshakes(limits: SocketLimiter, addressOf: (req: IncomingMessage) => string) {
  return (socket: Socket, next: Next) => {
    const address = addressOf(socket.request);
    (socket.data as Partial<SocketData>).address = address;
    const refused = limits.handshake(address);
    next(refused ? refusal('RATE_LIMITED', refused) : undefined);
  };
}

/**
 * After the sign-in: one account holds at most `socketsPerAccount` sockets (P20); one more is
 * refused `RATE_LIMITED` at the handshake. The place is given back when the socket disconnects
 * or its connection closes, whichever comes first — a connection can end between this check and
 * Socket.IO's `connection` event, and then no `disconnect` follows.
 */
export function capSocketsPerAccount(limits: SocketLimiter) {
  return (socket: Socket, next: Next) => {
    const { userId } = socket.data as SocketData;
    const refused = limits.reserve(userId, socket.id);
    if (refused) return next(refusal('RATE_LIMITED', refused));
    const release = () => limits.release(userId, socket.id);
    socket.once('disconnect', release);
    socket.conn.once('close', release);
    if (socket.conn.readyState !== 'open') release();
    next();
  };
}
