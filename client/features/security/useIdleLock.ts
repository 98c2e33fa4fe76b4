import { useEffect } from 'react';
import { getSession } from '../../api/endpoints.js';
import { parseRoute } from '../../shell/router.js';
import { getSettings, lockScreen } from './api.js';

const ACTIVITY = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;
const CHECK_EVERY_MS = 10_000;
const DEFAULT_MINUTES = 15;

/**
 * Locks an idle screen (docs/security.md S18): after the admin's idle time with no touch, key
 * or scroll, the server is told to lock this sign-in and `onLocked` shows the lock. A screen
 * showing a live (or paused) session never locks by itself: the therapist may not touch it for
 * an hour, and Hide screen is there for a passer-by.
 */
export function useIdleLock(onLocked: () => void): void {
  useEffect(() => {
    let idleMs = DEFAULT_MINUTES * 60_000;
    let lastActive = Date.now();
    let checking = false;
    let live = true;
    getSettings().then(
      ({ settings }) => (idleMs = settings.idleLockMinutes * 60_000),
      () => {}, // keep the default; the server still enforces nothing it was not asked to
    );
    const touched = () => (lastActive = Date.now());
    for (const name of ACTIVITY) window.addEventListener(name, touched, { passive: true, capture: true });

    const check = async () => {
      if (checking || Date.now() - lastActive < idleMs) return;
      checking = true;
      try {
        if (await liveSessionOnScreen()) touched();
        else if (live) {
          await lockScreen();
          onLocked();
        }
      } catch {
        touched(); // offline: try again after another idle period rather than hammer the server
      }
      checking = false;
    };
    const timer = setInterval(() => void check(), CHECK_EVERY_MS);
    return () => {
      live = false;
      clearInterval(timer);
      for (const name of ACTIVITY) window.removeEventListener(name, touched, { capture: true });
    };
  }, [onLocked]);
}

async function liveSessionOnScreen(): Promise<boolean> {
  const route = parseRoute(window.location.hash);
  if (route.name !== 'session') return false;
  const { session } = await getSession(route.sessionId);
  return session.status === 'live' || session.status === 'paused';
}
