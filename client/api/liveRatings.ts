import { contract } from '../../shared/rest/contract.js';
import type { RatingsStatus } from '../../shared/schemas/ratings.js';
import type { Store } from '../../shared/sync/store.js';
import { call } from './http.js';
import type { LiveState } from './liveState.js';

/** The little of the session's socket the count needs: its one extra event (docs/ratings.md P53). */
export interface RatingsSocket {
  on(event: 'session:ratings', listener: (status: RatingsStatus) => void): unknown;
}

export const getRatingsStatus = (sessionId: string): Promise<RatingsStatus> =>
  call(contract.getRatings, { params: { sessionId } }).then((answer) => answer.status);

/**
 * Keeps the rating count (never a value) in the session's store (docs/console.md L25): every
 * `session:ratings` on the session's own socket, and the status asked over REST on each (re)join,
 * since a screen that was away missed the broadcasts. A REST answer that comes back after a
 * broadcast is older than it, and is dropped.
 */
export function watchRatings(
  sessionId: string,
  socket: RatingsSocket,
  store: Store<LiveState>,
  fetchStatus: (sessionId: string) => Promise<RatingsStatus> = getRatingsStatus,
): () => void {
  let heard = 0;
  let stopped = false;
  let wasConnected = false;
  socket.on('session:ratings', (status) => {
    if (stopped || status.sessionId !== sessionId) return;
    heard++;
    store.setState({ ratings: status });
  });

  async function refresh() {
    const before = heard;
    try {
      const status = await fetchStatus(sessionId);
      if (!stopped && heard === before) store.setState({ ratings: status });
    } catch {
      // Left as it was: the next broadcast or rejoin brings the count; a guess would be worse.
    }
  }

  const unsubscribe = store.subscribe(() => {
    const connected = store.getState().connection === 'connected';
    if (connected && !wasConnected) void refresh();
    wasConnected = connected;
  });
  return () => {
    stopped = true;
    unsubscribe();
  };
}
