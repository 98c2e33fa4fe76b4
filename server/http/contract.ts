import type { Request, RequestHandler, Response, Router } from 'express';
import type { z } from 'zod';
import type { RestRoute } from '../../shared/rest/route.js';
import { HttpError, invalid, parseBody } from './errors.js';

/**
 * Our REST routes are mounted from the contract (shared/rest/contract.ts): each route's path
 * parameters, query and body are validated by its schemas before the handler runs, and what the
 * handler returns is sent with the route's status. A handler gets the parsed input, typed.
 */
export interface Input<R extends RestRoute> {
  params: z.output<R['params']>;
  query: z.output<R['query']>;
  body: R['body'] extends z.ZodType ? z.output<R['body']> : undefined;
}

/** A download's handler sends the file itself; any other returns the response body. */
type Output<R extends RestRoute> = R['download'] extends true ? void : z.input<R['response']>;

export type Handler<R extends RestRoute> = (input: Input<R>, req: Request, res: Response) => Output<R> | Promise<Output<R>>;

/** What a path parameter names, for "There is no such …" (a malformed id names nothing: R3). */
const NOUNS: Record<string, string> = {
  groupId: 'group',
  sessionId: 'session',
  userId: 'account',
  memberId: 'member',
  signInId: 'sign-in',
  token: 'invite',
};

function parsedParams<R extends RestRoute>(r: R, raw: unknown): z.output<R['params']> {
  const parsed = r.params.safeParse(raw);
  if (parsed.success) return parsed.data as z.output<R['params']>;
  const name = String(parsed.error.issues[0]?.path[0] ?? '');
  throw new HttpError('NOT_FOUND', `There is no such ${NOUNS[name] ?? 'thing'}.`);
}

function parsedQuery<R extends RestRoute>(r: R, raw: unknown): z.output<R['query']> {
  const parsed = r.query.safeParse(raw ?? {});
  if (!parsed.success) throw invalid(parsed.error, 'address');
  return parsed.data as z.output<R['query']>;
}

/**
 * Mounts contract routes on a router that is itself mounted at `base` (e.g. `/api/groups`).
 * `before` runs ahead of validation (a brute-force guard, say).
 */
export function contractRoutes(router: Router, base: string) {
  return <R extends RestRoute>(r: R, handler: Handler<R>, before: RequestHandler[] = []): void => {
    if (r.byBetterAuth || !r.path.startsWith(base)) throw new Error(`${r.method} ${r.path} is not ours to mount at ${base}`);
    const path = r.path.slice(base.length) || '/';
    const method = r.method.toLowerCase() as 'get' | 'post' | 'put' | 'delete';
    router[method](path, ...before, async (req, res) => {
      const input = {
        params: parsedParams(r, req.params),
        query: parsedQuery(r, req.query),
        body: r.body ? parseBody(r.body, req.body) : undefined,
      } as Input<R>;
      const output = await handler(input, req, res);
      if (r.download) return;
      if (r.status === 204) res.status(204).end();
      else res.status(r.status).json(output);
    });
  };
}
