import type { LiveSessions } from '../live/live-sessions.js';
import type { HoldspaceServer } from './handlers.js';
import type { Store } from '../store/types.js';
import { disconnectFromSessions } from './disconnect.js';

/**
 * A group's co-facilitator was replaced or removed (docs/security.md S17 and Decisions): open
 * sessions planned with them pass to the new co-facilitator (or to none), and their sockets in
 * any of the group's sessions are closed at once. Ended sessions keep them as the facilitator of
 * record: the record of who was in the room is not rewritten.
 */
export function coFacilitatorRemoval(store: Store, registry: LiveSessions, io: () => HoldspaceServer) {
  return async (groupId: string, removedId: string, newId: string | null): Promise<void> => {
    const reassigned = await store.sessions.reassignCoFacilitator(groupId, removedId, newId);
    // A held live session caches its row: let it reload with the new co-facilitator.
    for (const sessionId of reassigned) registry.release(sessionId);
    const sessionIds = (await store.sessions.listForGroup(groupId)).map((s) => s.id);
    await disconnectFromSessions(io(), removedId, sessionIds);
  };
}
