import { useEffect, useState } from 'react';

/**
 * Where the screen's wake lock stands: `held` while the browser keeps the screen on; `released`
 * when it let go (page hidden, session over); `insecure` when the page is not a secure context
 * (plain http on a LAN address: browsers give Wake Lock to secure contexts only); `unavailable`
 * when the browser has no Wake Lock; `refused` when it said no (battery saver, a policy).
 */
export type WakeLockState = 'pending' | 'held' | 'released' | 'insecure' | 'unavailable' | 'refused';

/**
 * Keeps the tablet's screen on while a session is live, and only then. The browser drops the
 * lock whenever the page is hidden, so it is asked for again each time the page is visible.
 * The state is also written to `<html data-wake-lock>`, where support (and the end-to-end tests)
 * can read what the screen is really doing.
 */
export function useWakeLock(active: boolean): WakeLockState {
  const [state, setState] = useState<WakeLockState>('pending');
  useEffect(() => {
    if (!active) return;
    let stopped = false;
    const report = (next: WakeLockState) => {
      document.documentElement.dataset.wakeLock = next;
      if (!stopped) setState(next);
    };
    if (!window.isSecureContext) return report('insecure');
    if (!('wakeLock' in navigator)) return report('unavailable');
    let sentinel: WakeLockSentinel | null = null;
    const acquire = async () => {
      if (stopped || document.visibilityState !== 'visible' || (sentinel && !sentinel.released)) return;
      try {
        const lock = await navigator.wakeLock.request('screen');
        lock.addEventListener('release', () => report('released'));
        if (stopped) void lock.release();
        else {
          sentinel = lock;
          report('held');
        }
      } catch {
        report('refused');
      }
    };
    void acquire();
    const onVisibility = () => void acquire();
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      stopped = true;
      document.removeEventListener('visibilitychange', onVisibility);
      void sentinel?.release();
    };
  }, [active]);
  return state;
}
