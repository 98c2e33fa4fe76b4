import { AsyncLocalStorage } from 'node:async_hooks';
import type { RequestHandler } from 'express';

/**
 * The address of the HTTP request being answered, carried through its asynchronous work, so that
 * an audit entry written deep inside (better-auth's hooks, which see a Web `Request` with no peer
 * address) still says where the action came from. Express has resolved `req.ip` by then, with
 * TRUST_PROXY applied: a forged `X-Forwarded-For` is believed only behind a trusted proxy.
 */
const context = new AsyncLocalStorage<{ address: string | null }>();

export function requestContext(): RequestHandler {
  return (req, _res, next) => context.run({ address: req.ip ?? null }, next);
}

/** The current request's address, or null outside one (sockets, the command line, timers). */
export function requestAddress(): string | null {
  return context.getStore()?.address ?? null;
}
