import express, { type Router } from 'express';
import { origin, requestHostName } from '../../tls/addresses.js';

/**
 * `GET /api/network` (public, docs/security.md S22): the secure address of this server as the
 * asking device reaches it, so a screen on plain http can say where to go instead. null when
 * Holdspace serves no HTTPS itself (HTTPS off, or TLS ended by a proxy: then the page is on it).
 */
export function networkRoutes(httpsPort: (() => number) | null): Router {
  const router = express.Router();
  router.get('/network', (req, res) => {
    const hostName = requestHostName(req);
    res.json({ secureUrl: httpsPort && hostName ? `${origin('https', hostName, httpsPort())}/` : null });
  });
  return router;
}
