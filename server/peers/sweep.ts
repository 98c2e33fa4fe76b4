import { socketRefusal } from '../access/sign-in.js';
import type { LiveSessions } from '../live/live-sessions.js';
import type { Logger } from '../logger.js';
import type { HoldspaceServer } from '../socket/handlers.js';
import type { Store } from '../store/types.js';

/**
 * The backstop for a control message another process sent and this one missed (a dropped
 * LISTEN connection, a restart of PostgreSQL): every `intervalMs`, this process's own sockets
 * whose sign-in no longer holds are closed (S11, across processes), and the sessions it holds
 * whose record changed meanwhile (a co-facilitator replaced, S17) are read back; names are
 * looked up again (a roster edited or a member erased elsewhere, D11).
 */
export function startClusterSweep(deps: {
  io: HoldspaceServer;
  store: Store;
  sessions: LiveSessions;
  logger: Logger;
  intervalMs: number;
}): { stop(): void; sweep(): Promise<void> } {
  const { io, store, sessions, logger } = deps;
  async function sweep() {
    const bySignIn = new Map<string, { userId: string; close: (() => void)[] }>();
    for (const socket of io.of('/').sockets.values()) {
      const entry = bySignIn.get(socket.data.signInId) ?? { userId: socket.data.userId, close: [] };
      entry.close.push(() => socket.disconnect(true));
      bySignIn.set(socket.data.signInId, entry);
    }
    for (const [signInId, { userId, close }] of bySignIn) {
      if ((await socketRefusal(store, signInId, userId)) === 'UNAUTHENTICATED') for (const c of close) c();
    }
    for (const id of sessions.heldIds()) {
      const held = sessions.get(id);
      const row = await store.live.read(id);
      if (!held || !row) continue;
      if (row.coFacilitatorId !== held.row.coFacilitatorId) sessions.release(id, held);
      else held.names = null;
    }
  }
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    sweep()
      .catch((error: unknown) => logger.warn({ err: error }, 'cluster sweep failed; the next one tries again'))
      .finally(() => (running = false));
  }, deps.intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer), sweep };
}
