import { useLive } from './liveContext.js';

/**
 * The one `status` element: "Connected", or "Reconnecting…" while the link is down (controls
 * are disabled then, and timers keep counting from the last known state).
 */
export function ConnectionStatus() {
  const connection = useLive((s) => s.connection);
  const text = connection === 'connected' ? 'Connected' : connection === 'connecting' ? 'Connecting…' : 'Reconnecting…';
  return (
    <p role="status" className={`connection connection-${connection}`}>
      {text}
    </p>
  );
}
