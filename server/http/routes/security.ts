import { Router, type Request } from 'express';
import { contract } from '../../../shared/rest/contract.js';
import type { ServerSettings } from '../../../shared/schemas/security.js';
import { passwordMatches, type Auth } from '../../auth/auth.js';
import type { Clock } from '../../clock.js';
import type { BruteForceGuard } from '../../security/brute-force.js';
import type { Audit } from '../../privacy/audit.js';
import type { Settings, Store } from '../../store/types.js';
import { adminRefusal } from '../../access/policy.js';
import { clinicPlace, type PlaceConfig } from '../clinic-place.js';
import { refuse } from '../reach.js';
import { contractRoutes } from '../contract.js';
import { HttpError } from '../errors.js';
import { currentSignIn, currentUser } from '../require-user.js';

/**
 * Server-wide security settings (admin), and the idle lock (docs/security.md S4, S18). The lock
 * lives on the server, keyed by the sign-in session: reloading the page does not lift it, and
 * until the password is given again every route but unlock is refused.
 */
export function securityRoutes(
  auth: Auth,
  store: Store,
  config: PlaceConfig,
  clock: Clock,
  attempts: BruteForceGuard,
  audit: Pick<Audit, 'record'>,
  closeSockets: (signInId: string) => void,
): Router {
  const router = Router();
  const on = contractRoutes(router, '/api');

  /** The settings as in effect: the clinic's place falls back to the environment's (R26). */
  const serverSettings = async ({ requireTwoFactor, idleLockMinutes }: Settings): Promise<ServerSettings> => {
    const { timeZone, locale } = await clinicPlace(store, config);
    return { requireTwoFactor, idleLockMinutes, clinicTimeZone: timeZone, clinicLocale: locale };
  };

  on(contract.getSettings, async () => ({ settings: await serverSettings(await store.settings.get()) }));

  on(contract.saveSettings, async ({ body: patch }, req) => {
    const me = currentUser(req);
    refuse(adminRefusal(me, 'security-settings'));
    const before = await serverSettings(await store.settings.get());
    const after = await serverSettings(await store.settings.update(patch));
    // The audit line says what changed, from what to what (a zone shifts every time the record writes: D30).
    const changed = (Object.keys(after) as (keyof ServerSettings)[]).filter((key) => after[key] !== before[key]);
    await audit.record({
      actorId: me.id,
      action: 'settings.update',
      subjectType: 'settings',
      subjectId: null,
      detail: { changed, ...after, ...Object.fromEntries(changed.map((key) => [`${key}Before`, before[key]])) },
      address: req.ip,
    });
    return { settings: after };
  });

  // The locked sign-in's sockets are closed before the answer (S33): from the 204 on, that screen
  // receives no session state; after the unlock it reconnects and joins again.
  on(contract.lock, async (_input, req) => {
    const signInId = currentSignIn(req).id;
    await store.signIns.lock(signInId, clock.now());
    closeSockets(signInId);
    return null;
  });

  // Unlocking checks a password, so it is guarded like sign-in, keyed by the account's email:
  // the same counters as sign-in and the 2FA routes (S5, S22).
  const accountOf = (req: Request) => req.user?.email ?? null;
  on(
    contract.unlock,
    async ({ body: { password } }, req) => {
      const signIn = currentSignIn(req);
      if (!(await passwordMatches(auth, currentUser(req).id, password))) {
        throw new HttpError('FORBIDDEN', 'That password is not right.');
      }
      await store.signIns.unlock(signIn.id);
      return null;
    },
    attempts(accountOf),
  );

  return router;
}
