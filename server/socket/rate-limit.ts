/**
 * A token bucket per socket: a burst of `capacity` commands, then `perSecond`. A flood from one
 * screen is refused early and cheaply, and other sessions never notice it.
 */
export function tokenBucket(capacity: number, perSecond: number, now: () => number) {
  let tokens = capacity;
  let last = now();
  return function take(): boolean {
    const t = now();
    tokens = Math.min(capacity, tokens + ((t - last) / 1000) * perSecond);
    last = t;
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  };
}
