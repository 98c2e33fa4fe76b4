import { patched, type StatePatch, type StateUpdate } from '../../shared/protocol.js';
import { createStore, type Store } from './store.js';

export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting';

export interface Notice {
  id: number;
  text: string;
}

/** Everything a session screen shows, in one store read through narrow selectors. */
export interface LiveState {
  sessionId: string;
  update: StateUpdate | null;
  connection: ConnectionStatus;
  /** Server clock minus this device's clock, from the best ping. */
  offsetMs: number;
  /** Server time at the last tick of the shared one-second clock. */
  now: number;
  /** A short, calm message ("Already advanced by Dana"); clears itself. */
  notice: Notice | null;
  /** A problem no retry fixes (no access, an out-of-date screen): shown instead of the console. */
  fatal: string | null;
}

export function createLiveStore(sessionId: string, now: number): Store<LiveState> {
  return createStore<LiveState>({ sessionId, update: null, connection: 'connecting', offsetMs: 0, now, notice: null, fatal: null });
}

/** Keeps the newest state of this session; an older or foreign update changes nothing. */
export function applyUpdate(store: Store<LiveState>, update: StateUpdate): void {
  const { sessionId, update: held } = store.getState();
  if (update.sessionId !== sessionId || (held !== null && update.version <= held.version)) return;
  store.setState({ update });
}

/**
 * Applies a broadcast change to the state held. A change made from another version than the one
 * held (a broadcast was missed) cannot be applied: 'missed' tells the caller to join again, which
 * brings the whole state. One older than what is held changes nothing.
 */
export function applyPatch(store: Store<LiveState>, patch: StatePatch): 'applied' | 'old' | 'missed' {
  const { sessionId, update: held } = store.getState();
  if (patch.sessionId !== sessionId) return 'old';
  if (held === null) return 'missed';
  if (patch.version <= held.version) return 'old';
  const update = patched(held, patch);
  if (!update) return 'missed';
  store.setState({ update });
  return 'applied';
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
