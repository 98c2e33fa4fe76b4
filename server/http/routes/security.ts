import { Router, type Request } from 'express';
import { settingsPatchSchema, unlockSchema, type SecuritySettings } from '../../../shared/schemas/security.js';
import { passwordMatches, type Auth } from '../../auth/auth.js';
import type { Clock } from '../../clock.js';
import type { BruteForceGuard } from '../../security/brute-force.js';
import type { Settings, Store } from '../../store/types.js';
import { HttpError, parseBody } from '../errors.js';
import { currentSignIn, currentUser } from '../require-user.js';

const securitySettings = ({ requireTwoFactor, idleLockMinutes }: Settings): SecuritySettings => ({ requireTwoFactor, idleLockMinutes });

/**
 * Server-wide security settings (admin), and the idle lock (docs/security.md S4, S18). The lock
 * lives on the server, keyed by the sign-in session: reloading the page does not lift it, and
 * until the password is given again every route but unlock is refused.
 */
export function securityRoutes(auth: Auth, store: Store, clock: Clock, attempts: BruteForceGuard): Router {
  const router = Router();

  router.get('/settings', (_req, res) => {
    res.json({ settings: securitySettings(store.settings.get()) });
  });

  router.put('/settings', (req, res) => {
    if (!currentUser(req).admin) throw new HttpError('FORBIDDEN', 'Only an admin can change security settings.');
    const patch = parseBody(settingsPatchSchema, req.body);
    res.json({ settings: securitySettings(store.settings.update(patch)) });
  });

  router.post('/lock', (req, res) => {
    store.signIns.lock(currentSignIn(req).id, clock.now());
    res.status(204).end();
  });

  // Unlocking checks a password, so it is guarded like sign-in, keyed by the account's email:
  // the same counters as sign-in and the 2FA routes (S5, S22).
  const accountOf = (req: Request) => req.user?.email ?? null;
  router.post('/unlock', ...attempts(accountOf), async (req, res) => {
    const { password } = parseBody(unlockSchema, req.body);
    const signIn = currentSignIn(req);
    if (!(await passwordMatches(auth, currentUser(req).id, password))) {
      throw new HttpError('FORBIDDEN', 'That password is not right.');
    }
    store.signIns.unlock(signIn.id);
    res.status(204).end();
  });

  return router;
}
