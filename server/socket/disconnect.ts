import type { HoldspaceServer } from './handlers.js';
import { roomOf } from './handlers.js';
import type { Store } from '../store/types.js';
import { socketRefusal } from '../access/sign-in.js';

/**
 * After a sign-out or revocation (S11): this account's sockets whose sign-in no longer holds are
 * closed at once, so a signed-out screen stops receiving session state, not only acting.
 */
export async function recheckSockets(io: HoldspaceServer, store: Store, userId: string): Promise<number> {
  let closed = 0;
  for (const socket of await io.fetchSockets()) {
    if (socket.data.userId !== userId) continue;
    if ((await socketRefusal(store, socket.data.signInId, userId)) !== 'UNAUTHENTICATED') continue;
    socket.disconnect(true);
    closed++;
  }
  return closed;
}

/**
 * Closes a removed facilitator's sockets that joined any of these sessions (S17). The whole
 * socket goes, not only the room: its screen then reconnects, and a join is refused.
 */
export async function disconnectFromSessions(io: HoldspaceServer, userId: string, sessionIds: readonly string[]): Promise<number> {
  if (sessionIds.length === 0) return 0;
  const sockets = await io.in(sessionIds.map(roomOf)).fetchSockets();
  const theirs = sockets.filter((s) => s.data.userId === userId);
  for (const socket of theirs) socket.disconnect(true);
  return theirs.length;
}

/**
 * Closes the sockets of one sign-in, e.g. the screen just locked (S33): a locked screen receives
 * nothing until it is unlocked. Its reconnect is refused `LOCKED` at the handshake until then;
 * after the unlock, it connects and joins again, resyncing by version like any reconnect.
 */
export function disconnectSignIn(io: HoldspaceServer, signInId: string): number {
  let closed = 0;
  for (const socket of io.of('/').sockets.values()) {
    if (socket.data.signInId !== signInId) continue;
    socket.disconnect(true);
    closed++;
  }
  return closed;
}

/**
 * One timer for every socket (S34): a socket whose sign-in has expired is disconnected, whether
 * or not it sends anything, so an expired screen stops receiving session state within
 * `intervalMs`. Its reconnect is refused `UNAUTHENTICATED` at the handshake, which is how it
 * learns why. The check is the one every command makes (`SocketData.expiresAt`, the server's
 * clock): no database read for sockets still in time.
 */
export function startExpirySweep(io: HoldspaceServer, now: () => number, intervalMs: number): { stop(): void } {
  const timer = setInterval(() => {
    const t = now();
    for (const socket of io.of('/').sockets.values()) if (t >= socket.data.expiresAt) socket.disconnect(true);
  }, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
