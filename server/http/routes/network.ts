import express, { type Router } from 'express';
import { origin, requestHostName } from '../../tls/addresses.js';

/**
 * `GET /api/network` (public, docs/security.md S38): the secure address of this server as the
 * asking device reaches it, so a screen on plain http can say where to go instead. Behind a TLS
 * proxy, an https PUBLIC_URL is that address; with neither, null.
 */
export function networkRoutes(httpsPort: (() => number) | null, publicUrl: string | null): Router {
  const router = express.Router();
  const fixed = publicUrl?.startsWith('https://') ? publicUrl : null;
  router.get('/network', (req, res) => {
    const hostName = requestHostName(req);
    res.json({ secureUrl: httpsPort && hostName ? `${origin('https', hostName, httpsPort())}/` : fixed });
  });
  return router;
}
