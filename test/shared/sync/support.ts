import { vi } from 'vitest';
import { createSyncClient, type SyncClient, type SyncClientOptions } from '../../../shared/sync/client.js';
import { FakeSocket, joined, SESSION, stateAt } from './fake-socket.js';

/** Lets answered promises and due timers run (the clock is vitest's fake one). */
export const tick = (ms = 0) => vi.advanceTimersByTimeAsync(ms);

/** A sync client over a fake socket, ids c1, c2, …, the clock off unless asked for. */
export function screen(options: Partial<SyncClientOptions> = {}): { socket: FakeSocket; client: SyncClient } {
  const socket = new FakeSocket();
  let id = 0;
  const client = createSyncClient({
    sessionId: SESSION,
    socket,
    readClock: () => Date.now(),
    newId: () => `c${++id}`,
    clock: false,
    ...options,
  });
  return { socket, client };
}

/** Connects and answers the join with the state at `version`. */
export async function connectedAt(version: number, options: Partial<SyncClientOptions> = {}) {
  const made = screen(options);
  made.socket.open();
  made.socket.last('session:join').answer(joined(stateAt(version)));
  await tick();
  return made;
}
