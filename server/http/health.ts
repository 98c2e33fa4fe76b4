import { Router } from 'express';
import { contract } from '../../shared/rest/contract.js';

/**
 * `GET /healthz` for a load balancer, a service manager or a monitoring check (docs/operations.md):
 * 200 `{ ok: true }` once the store is open and every live session is restored, 503 before that and
 * once the server has begun to shut down. No sign-in, and nothing about any session or account.
 */
export function healthRoutes(ready: () => boolean): Router {
  const router = Router();
  // Mounted by hand: its 503 keeps `ok: false` beside the error, which monitors read.
  router.get(contract.health.path, (_req, res) => {
    res.set('Cache-Control', 'no-store');
    if (ready()) res.status(200).json({ ok: true });
    else res.status(503).json({ ok: false, code: 'INTERNAL', message: 'Holdspace is starting or stopping: not ready for screens.' });
  });
  return router;
}
