import type { Rate } from '../config.js';

/**
 * A token bucket per socket: a burst of `capacity` commands, then `perSecond`. A flood from one
 * screen is refused early and cheaply, and other sessions never notice it.
 */
export function tokenBucket(capacity: number, perSecond: number, now: () => number) {
  const buckets = keyedBuckets({ burst: capacity, perSecond }, now);
  return (): boolean => buckets.take('');
}

/**
 * Token buckets by key (an account, an address, a session), shared by every socket that has
 * that key. A key's bucket is made on its first use; a bucket that has refilled is the same as a
 * fresh one, so it is dropped on the next sweep: memory follows the keys active in the last
 * `burst / perSecond` seconds, not every key ever seen.
 */
export function keyedBuckets(rate: Rate, now: () => number) {
  const buckets = new Map<string, { tokens: number; last: number }>();
  const refillMs = (rate.burst / rate.perSecond) * 1000;
  let sweptAt = now();

  const refilled = (bucket: { tokens: number; last: number }, t: number) =>
    Math.min(rate.burst, bucket.tokens + ((t - bucket.last) / 1000) * rate.perSecond);

  /** Drops full buckets; at most once per refill time, so its cost is spread over many takes. */
  const sweep = (t: number) => {
    if (t - sweptAt < refillMs) return;
    sweptAt = t;
    for (const [key, bucket] of buckets) if (refilled(bucket, t) >= rate.burst) buckets.delete(key);
  };

  return {
    /** Takes one token from `key`'s bucket; false (and nothing taken) when it is empty. */
    take(key: string): boolean {
      const t = now();
      sweep(t);
      const bucket = buckets.get(key) ?? { tokens: rate.burst, last: t };
      bucket.tokens = refilled(bucket, t);
      bucket.last = t;
      buckets.set(key, bucket);
      if (bucket.tokens < 1) return false;
      bucket.tokens -= 1;
      return true;
    },
    /** Keys held (for the tests of bounded memory). */
    get size(): number {
      return buckets.size;
    },
  };
}
