import type { HoldspaceServer } from '../socket/handlers.js';
import { roomOf } from '../socket/handlers.js';
import type { Store } from '../store/types.js';
import { socketRefusal } from './gate.js';

/**
 * After a sign-out or revocation (S11): this account's sockets whose sign-in no longer holds are
 * closed at once, so a signed-out screen stops receiving session state, not only acting.
 */
export async function recheckSockets(io: HoldspaceServer, store: Store, userId: string): Promise<number> {
  let closed = 0;
  for (const socket of await io.fetchSockets()) {
    if (socket.data.userId !== userId) continue;
    if (socketRefusal(store, socket.data.signInId, userId) !== 'UNAUTHENTICATED') continue;
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
