import { z } from 'zod';
import { idSchema } from '../schemas/common.js';
import { ratingLinkSchema, ratingsStatusSchema } from '../schemas/ratings.js';
import { params, route } from './route.js';

/**
 * Member voice's routes (docs/ratings.md P52–P54), part of the one REST table (./contract.ts):
 * the session's facilitators only; counts, never values.
 */
const session = params({ sessionId: idSchema });

export const ratingRoutes = {
  getRatings: route({
    method: 'GET',
    path: '/api/sessions/:sessionId/ratings',
    params: session,
    response: z.object({ status: ratingsStatusSchema }),
  }),
  collectRatings: route({
    method: 'POST',
    path: '/api/sessions/:sessionId/ratings/collect',
    params: session,
    response: z.object({ status: ratingsStatusSchema, link: ratingLinkSchema }),
  }),
  stopRatings: route({
    method: 'POST',
    path: '/api/sessions/:sessionId/ratings/stop',
    params: session,
    response: z.object({ status: ratingsStatusSchema }),
  }),
  getRatingLink: route({
    method: 'GET',
    path: '/api/sessions/:sessionId/ratings/link',
    params: session,
    response: z.object({ link: ratingLinkSchema }),
  }),
};
