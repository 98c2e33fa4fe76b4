/**
 * One queue per key: the work for one key runs one at a time, in the order it was queued, even
 * when it awaits (an async store); work for different keys runs side by side.
 *
 * Work for an idle key starts at once, inside the call, with no promise of the queue's own around
 * it: that is nearly every command (a session's screens rarely send two within one write), and a
 * chain of promises per command was measurable CPU under load (docs/performance.md item 14). A
 * key is held only while it has work, so made-up keys leave nothing behind.
 */
export function keyedFifo(): <T>(key: string, work: () => Promise<T>) => Promise<T> {
  /** The keys with work running, each with the starts of the work queued behind it. */
  const busy = new Map<string, (() => void)[]>();

  const run = <T>(key: string, work: () => Promise<T>): Promise<T> => {
    const result = started(work);
    // The next work waits for this one to end, however it ends.
    const next = () => {
      const queued = busy.get(key)!;
      const start = queued.shift();
      if (start) start();
      else busy.delete(key);
    };
    result.then(next, next);
    return result;
  };

  return (key, work) => {
    const queued = busy.get(key);
    if (!queued) {
      busy.set(key, []);
      return run(key, work);
    }
    return new Promise((resolve, reject) =>
      queued.push(() => {
        run(key, work).then(resolve, reject);
      }),
    );
  };
}

/** The work's promise; a work that throws before its first await fails the same way. */
function started<T>(work: () => Promise<T>): Promise<T> {
  try {
    return work();
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}
