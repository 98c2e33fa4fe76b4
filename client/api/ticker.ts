import type { LiveState } from './liveState.js';
import type { Store } from './store.js';

/** Ticks land just after the server's whole second, so floor() never lands on the wrong side. */
const TICK_SLACK_MS = 5;

export interface Ticker {
  /** Ticks now (say, after the offset changed or the page woke) and carries on from there. */
  tick(): void;
  stop(): void;
}

/**
 * The one shared clock of a session screen: writes the estimated server time into the store
 * once a second, on the server's whole seconds. Every screen of a session thus changes its
 * digits (and its warning colours) at the same instant, whatever its own clock says.
 */
export function startTicker(store: Store<LiveState>, readClock: () => number): Ticker {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  function tick() {
    clearTimeout(timer);
    if (stopped) return;
    const now = readClock() + store.getState().offsetMs;
    store.setState({ now });
    const intoSecond = ((now % 1000) + 1000) % 1000;
    timer = setTimeout(tick, 1000 - intoSecond + TICK_SLACK_MS);
  }
  tick();
  return {
    tick,
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
