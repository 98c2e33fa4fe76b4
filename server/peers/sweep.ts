import { socketRefusal } from '../access/sign-in.js';
import type { LiveSession } from '../live/live-session.js';
import type { LiveSessions } from '../live/live-sessions.js';
import { namesFrom, type SessionNames } from '../live/names.js';
import type { Logger } from '../logger.js';
import type { HoldspaceServer } from '../socket/handlers.js';
import type { Store } from '../store/types.js';

/**
 * The sweep runs in this many slices per interval: held sessions are looked at a slice at a time,
 * so a thousand of them are not all read back in the same second (which showed as the steady
 * bench's worst latencies), and each slice is two statements, whatever its size.
 */
const SLICES = 30;

/**
 * The backstop for a control message another process sent and this one missed (a dropped
 * LISTEN connection, a restart of PostgreSQL): within every `intervalMs`, this process's own
 * sockets whose sign-in no longer holds are closed (S11, across processes), and the sessions it
 * holds whose record changed meanwhile (a co-facilitator replaced, S17) are dropped, to be read
 * back; names are looked up again (a roster edited or a member erased elsewhere, D11).
 */
export function startClusterSweep(deps: {
  io: HoldspaceServer;
  store: Store;
  sessions: LiveSessions;
  logger: Logger;
  intervalMs: number;
}): { stop(): void } {
  const { io, store, sessions, logger } = deps;
  let tick = 0;

  async function closeSignedOut() {
    const bySignIn = new Map<string, { userId: string; close: (() => void)[] }>();
    for (const socket of io.of('/').sockets.values()) {
      const entry = bySignIn.get(socket.data.signInId) ?? { userId: socket.data.userId, close: [] };
      entry.close.push(() => socket.disconnect(true));
      bySignIn.set(socket.data.signInId, entry);
    }
    // All at once: on PostgreSQL the checks of one turn are one statement.
    await Promise.all(
      [...bySignIn].map(async ([signInId, { userId, close }]) => {
        if ((await socketRefusal(store, signInId, userId)) === 'UNAUTHENTICATED') for (const c of close) c();
      }),
    );
  }

  async function lookAgain(slice: number) {
    const ids = sessions.heldIds().filter((_, i) => i % SLICES === slice);
    if (ids.length === 0) return;
    // Plain reads of many rows at once: the live store's `read` is for reading a dropped copy back.
    const [coFacilitators, names] = await Promise.all([store.sessions.coFacilitators(ids), store.sessions.names(ids)]);
    for (const id of ids) {
      const held = sessions.get(id);
      if (!held || !coFacilitators.has(id)) continue;
      if (coFacilitators.get(id) !== held.row.coFacilitatorId) sessions.release(id, held);
      else await swapNames(held, namesFrom(held.row, names.get(id)));
    }
  }

  /**
   * The names read again beside the commands, swapped in only if they changed. Dropping them
   * instead made each session's next command read them in its queue, and on a pool of four the
   * group commit waited behind those reads (the steady bench's p99 went from about 30 ms to 400).
   */
  async function swapNames(held: LiveSession, fresh: SessionNames) {
    const shown = await held.names?.catch(() => null);
    if (JSON.stringify(shown) !== JSON.stringify(fresh)) held.names = Promise.resolve(fresh);
  }

  /** One slice: the sign-ins on the first, a thirtieth of the held sessions on each. */
  async function step() {
    const slice = tick++ % SLICES;
    if (slice === 0) await closeSignedOut();
    await lookAgain(slice);
  }

  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    step()
      .catch((error: unknown) => logger.warn({ err: error }, 'cluster sweep failed; the next one tries again'))
      .finally(() => (running = false));
  }, deps.intervalMs / SLICES);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
