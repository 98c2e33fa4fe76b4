import { describe, expect, it } from 'vitest';
import { watchRatings, type RatingsSocket } from '../../client/api/liveRatings.js';
import { createLiveStore } from '../../client/api/liveState.js';
import type { RatingsStatus } from '../../shared/schemas/ratings.js';

/**
 * The rating count on a facilitator's screen (client/api/liveRatings.ts): the broadcasts of the
 * session's own socket and the status asked on each (re)join, the newer of the two kept.
 */
function setUp() {
  const store = createLiveStore('s-1', 0);
  let broadcast: (status: RatingsStatus) => void = () => {};
  const socket: RatingsSocket = { on: (_event, listener) => (broadcast = listener) };
  const asked: ((status: RatingsStatus) => void)[] = [];
  const fetchStatus = () => new Promise<RatingsStatus>((resolve) => asked.push(resolve));
  const stop = watchRatings('s-1', socket, store, fetchStatus);
  const rated = () => store.getState().ratings?.rated ?? null;
  return { store, asked, stop, rated, broadcast: (status: RatingsStatus) => broadcast(status) };
}

const status = (rated: number, collecting = true): RatingsStatus => ({ sessionId: 's-1', collecting, rated, expiresAt: null });
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('[L25] the rating count on a facilitator’s screen', () => {
  it('asks for the status on every (re)join, and takes each session:ratings of its own session', async () => {
    const { store, asked, rated, broadcast } = setUp();
    expect(asked).toHaveLength(0);
    store.setState({ connection: 'connected' });
    expect(asked).toHaveLength(1);
    asked[0]!(status(2));
    await settle();
    expect(rated()).toBe(2);

    broadcast(status(3));
    expect(rated()).toBe(3);
    broadcast({ ...status(9), sessionId: 'another' });
    expect(rated()).toBe(3);

    store.setState({ connection: 'reconnecting' });
    store.setState({ connection: 'connected' });
    expect(asked).toHaveLength(2);
  });

  it('drops a status answer that comes back after a newer broadcast', async () => {
    const { store, asked, rated, broadcast } = setUp();
    store.setState({ connection: 'connected' });
    broadcast(status(4));
    asked[0]!(status(3));
    await settle();
    expect(rated()).toBe(4);
  });

  it('stops writing once the screen leaves the session', async () => {
    const { store, asked, stop, rated, broadcast } = setUp();
    store.setState({ connection: 'connected' });
    stop();
    asked[0]!(status(1));
    broadcast(status(2));
    await settle();
    expect(rated()).toBeNull();
  });
});
