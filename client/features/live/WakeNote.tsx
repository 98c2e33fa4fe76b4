import { useEffect, useState } from 'react';
import { getNetwork } from '../../api/endpoints.js';
import type { WakeLockState } from './useWakeLock.js';

/**
 * One calm line when this screen cannot be kept awake, and what to do about it. Over plain http
 * on a LAN address the browser withholds Wake Lock: the server tells us its secure address, if it
 * has one (docs/security.md S38). Nothing is shown while the lock is held or being asked for.
 */
export function WakeNote({ state }: { state: WakeLockState }) {
  const secureUrl = useSecureUrl(state === 'insecure');
  if (state === 'insecure') {
    return (
      <p className="wake-note" role="note">
        {secureUrl ? (
          <>
            This screen can't stay awake here — open the secure address <a href={secureUrl}>{secureUrl}</a>
          </>
        ) : (
          <>This screen can't stay awake here — it needs a secure (https) address, which this server does not offer yet.</>
        )}
      </p>
    );
  }
  if (state === 'unavailable' || state === 'refused') {
    const why = state === 'unavailable' ? "This browser can't keep the screen awake" : 'The browser refused to keep this screen awake';
    return (
      <p className="wake-note" role="note">
        {why} — set the tablet's auto-lock to Never for the session.
      </p>
    );
  }
  return null;
}

function useSecureUrl(wanted: boolean): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!wanted) return;
    let current = true;
    getNetwork()
      .then(({ secureUrl }) => current && setUrl(secureUrl))
      .catch(() => {
        // Without the address the line still says what is wrong.
      });
    return () => {
      current = false;
    };
  }, [wanted]);
  return url;
}
