import type { Command } from '../../shared/schemas/commands.js';
import type { RatingsStatus } from '../../shared/schemas/ratings.js';
import type { SyncState } from '../../shared/sync/client.js';
import { createStore, type Store } from '../../shared/sync/store.js';

export interface Notice {
  id: number;
  text: string;
}

/**
 * Everything a session screen shows, in one store read through narrow selectors: what the shared
 * sync client keeps (shared/sync/client.ts), and the tick and the notice of this screen.
 */
export interface LiveState extends SyncState {
  /** Server time at the last tick of the shared one-second clock. */
  now: number;
  /** A short, calm message ("Already advanced by Dana"); clears itself. */
  notice: Notice | null;
  /** Flags and notes made offline, shown on the screen with their commandId until the server answers (issue 16 §6). */
  queued: Queued[];
  /** Member voice: whether a rating link is open and how many members rated (counts only, L25). */
  ratings: RatingsStatus | null;
}

export interface Queued {
  commandId: string;
  command: Command;
}

export function createLiveStore(sessionId: string, now: number): Store<LiveState> {
  return createStore<LiveState>({
    sessionId,
    update: null,
    connection: 'connecting',
    offsetMs: 0,
    now,
    notice: null,
    fatal: null,
    queued: [],
    ratings: null,
  });
}

/** Resolves once the store holds `version` or newer (or after `timeoutMs`, whichever is first). */
export function waitForVersion(store: Store<LiveState>, version: number, timeoutMs = 2_000): Promise<void> {
  return new Promise((resolve) => {
    const done = () => (store.getState().update?.version ?? -1) >= version;
    if (done()) return resolve();
    const timer = setTimeout(finish, timeoutMs);
    const unsubscribe = store.subscribe(() => done() && finish());
    function finish() {
      clearTimeout(timer);
      unsubscribe();
      resolve();
    }
  });
}
