import { Router, type Request } from 'express';
import { contract } from '../../../shared/rest/contract.js';
import { origin, requestHostName } from '../../tls/addresses.js';
import type { RatingCollection } from '../../ratings/collection.js';
import type { Store } from '../../store/types.js';
import { contractRoutes } from '../contract.js';
import { HttpError } from '../errors.js';
import { recordFor } from '../reach.js';
import { currentUser } from '../require-user.js';

/**
 * The facilitators' side of member voice (docs/ratings.md P52–P54): the session's lead and
 * co-facilitator open and stop its rating link and read the count. Never a value or a name.
 */
export function ratingRoutes(store: Store, ratings: RatingCollection, publicUrl: string | null): Router {
  const router = Router();
  const on = contractRoutes(router, '/api');
  // The session's facilitators only, as for its live state (reviewers and outsiders refused).
  const sessionOf = async (sessionId: string, req: Request) => (await recordFor(store, sessionId, currentUser(req).id, 'state')).row.id;

  on(contract.getRatings, async ({ params }, req) => ({ status: await ratings.status(await sessionOf(params.sessionId, req)) }));

  on(contract.collectRatings, async ({ params }, req) => {
    const sessionId = await sessionOf(params.sessionId, req);
    const status = await ratings.collect(sessionId, currentUser(req).id);
    if (status === 'NOT_STARTED') throw new HttpError('WRONG_STATE', 'Ratings can be collected once the session has started.');
    if (status === 'TOO_LATE') throw new HttpError('WRONG_STATE', 'Ratings can be collected until 30 minutes after the session ends.');
    return { status, link: (await ratings.link(sessionId, memberOrigin(req, publicUrl)))! };
  });

  on(contract.stopRatings, async ({ params }, req) => {
    const sessionId = await sessionOf(params.sessionId, req);
    return { status: await ratings.stop(sessionId, currentUser(req).id) };
  });

  on(contract.getRatingLink, async ({ params }, req, res) => {
    const link = await ratings.link(await sessionOf(params.sessionId, req), memberOrigin(req, publicUrl));
    if (!link) throw new HttpError('NOT_ALLOWED', 'No rating link is open for this session.');
    res.set('Cache-Control', 'no-store');
    return { link };
  });

  return router;
}

/**
 * Where members' phones reach this server: the public address when one is set, else the address
 * the facilitator's own screen used (on the clinic network, the phones' way in too).
 */
function memberOrigin(req: Request, publicUrl: string | null): string {
  if (publicUrl) return publicUrl.replace(/\/+$/, '');
  const hostName = requestHostName(req) ?? 'localhost';
  const port = Number(req.get('host')?.match(/:(\d{1,5})$/)?.[1] ?? (req.protocol === 'https' ? 443 : 80));
  return origin(req.protocol === 'https' ? 'https' : 'http', hostName, port);
}
