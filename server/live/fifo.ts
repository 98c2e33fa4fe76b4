/**
 * One queue per key: the work for one key runs one at a time, in the order it was queued, even
 * when it awaits (an async store); work for different keys runs side by side. A key's queue is a
 * promise chain, dropped once it is idle, so made-up keys leave nothing behind.
 */
export function keyedFifo(): <T>(key: string, work: () => Promise<T>) => Promise<T> {
  const tails = new Map<string, Promise<unknown>>();
  return (key, work) => {
    const result = (tails.get(key) ?? Promise.resolve()).then(work);
    // The next work waits for this one to end, however it ends.
    const tail = result.then(idle, idle);
    tails.set(key, tail);
    void tail.then(() => tails.get(key) === tail && tails.delete(key));
    return result;
  };
}

const idle = () => undefined;
