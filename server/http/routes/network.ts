import express, { type Router } from 'express';
import { contract } from '../../../shared/rest/contract.js';
import { contractRoutes } from '../contract.js';
import { origin, requestHostName } from '../../tls/addresses.js';

/**
 * `GET /api/network` (public, docs/security.md S38): the secure address of this server as the
 * asking device reaches it, so a screen on plain http can say where to go instead. Behind a TLS
 * proxy, an https PUBLIC_URL is that address; with neither, null.
 */
export function networkRoutes(httpsPort: (() => number) | null, publicUrl: string | null): Router {
  const router = express.Router();
  const fixed = publicUrl?.startsWith('https://') ? publicUrl : null;
  contractRoutes(router, '/api')(contract.getNetwork, (_input, req) => {
    const hostName = requestHostName(req);
    return { secureUrl: httpsPort && hostName ? `${origin('https', hostName, httpsPort())}/` : fixed };
  });
  return router;
}
