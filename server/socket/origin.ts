import type { IncomingMessage } from 'node:http';

/**
 * Refuses a socket opened by a page of another origin (cross-site WebSocket hijacking): a browser
 * always sends Origin, and it must be this server's own host. Clients that are not browsers send
 * none and are judged by their cookie alone.
 */
export function sameOriginOnly(publicUrl: string | null) {
  const fixedHost = publicUrl ? new URL(publicUrl).host : null;
  return (req: IncomingMessage, callback: (err: string | null | undefined, success: boolean) => void) => {
    const origin = req.headers.origin;
    if (!origin) return callback(null, true);
    let host: string;
    try {
      host = new URL(origin).host;
    } catch {
      return callback('bad origin', false);
    }
    const allowed = host === req.headers.host || host === fixedHost;
    callback(allowed ? null : 'cross-origin socket refused', allowed);
  };
}
