import type { Store } from '../../server/store/types.js';

/**
 * Takes over the store's sync of the log: each sync waits until the test releases it, and every
 * step is written to `events` in the order it happened (a sequence, not wall-clock times).
 */
export function heldSyncs(store: Store) {
  const sync = store.syncToDisk.bind(store);
  const events: string[] = [];
  const held: (() => void)[] = [];
  let passThrough = false;
  let wake = () => {};
  store.syncToDisk = (done) => {
    const n = events.filter((e) => e.endsWith(' out')).length + 1;
    events.push(`sync ${n} out`);
    const run = () => sync((error) => (events.push(`sync ${n} back`), wake(), done(error)));
    if (passThrough) run();
    else held.push(run);
    wake();
  };
  const until = (check: () => boolean) =>
    new Promise<void>((resolve) => {
      const look = () => (check() ? resolve() : void (wake = look));
      look();
    });
  return {
    events,
    /** Resolves once `n` syncs have gone out. */
    out: (n: number) => until(() => events.filter((e) => e.endsWith(' out')).length >= n),
    /** Resolves once sync `n` has returned. */
    back: (n: number) => until(() => events.includes(`sync ${n} back`)),
    /** Lets sync `n` (1-based) run. */
    release: (n: number) => held[n - 1]!(),
    /** Lets every held sync run in order, and every later one at once; then the real sync again. */
    releaseAll: () => {
      passThrough = true;
      held.forEach((run) => run());
    },
    restore: () => void (store.syncToDisk = sync),
  };
}
