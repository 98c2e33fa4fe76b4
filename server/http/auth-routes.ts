import { fromNodeHeaders, toNodeHandler } from 'better-auth/node';
import express, { Router, type Express, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { Auth } from '../auth/auth.js';
import { HttpError } from './errors.js';
import type { Store } from '../store/types.js';
import { canonicalAuthPathsOnly, ENDS_SIGN_INS, markGuarded, PASSWORD_CHECKS, type GuardMarker } from '../security/auth-paths.js';
import { emailOf, type BruteForceGuard } from '../security/brute-force.js';

interface Deps {
  auth: Auth;
  store: Store;
  /** The shared brute-force guard (sign-in, unlock and every other password-taking route). */
  attempts: BruteForceGuard;
  /** The mark better-auth's tripwire looks for (server/security/auth-paths.ts). */
  marker: GuardMarker;
  /** Disconnects this account's sockets whose sign-in is no longer valid. */
  recheckSockets: (userId: string) => void;
}

const BODY_LIMIT = '16kb';

/**
 * Mounts better-auth at /api/auth behind our own guards: only canonical spellings of its paths
 * (S21), bodies only as JSON or a form, read here so the guards see what better-auth will see
 * (S5), public sign-up closed, brute-force limits on every route that checks a password or a
 * second factor (S5–S7, S22), 2FA kept on while an admin requires it (S4), and sockets re-checked
 * as soon as a sign-out or revocation has been answered (S11). Every guard is chosen by the route
 * better-auth will run, and better-auth refuses a guarded route that did not pass them.
 */
export function mountAuth(app: Express, { auth, store, attempts, marker, recheckSockets }: Deps): void {
  const guards = [
    // Public sign-up is off in better-auth too; this keeps the route from even being reached.
    when(
      (req) => req.authRoute?.startsWith('/sign-up/') === true,
      (_req, _res, next) => next(new HttpError('NOT_FOUND')),
    ),
    express.json({ limit: BODY_LIMIT }),
    express.urlencoded({ limit: BODY_LIMIT, extended: false }),
    onlyReadableBodies,
    whenPost(PASSWORD_CHECKS, ...attempts((req) => emailOf(req) ?? accountOfSignedIn(auth, req))),
    whenPost(new Set(['/two-factor/disable']), async (_req, _res, next) => {
      if (!(await store.settings.get()).requireTwoFactor) return next();
      next(new HttpError('NOT_ALLOWED', 'This server requires two-factor sign-in, so it cannot be turned off.'));
    }),
    whenPost(ENDS_SIGN_INS, async (req: Request, res: Response, next: NextFunction) => {
      try {
        const found = await auth.api.getSession({ headers: fromNodeHeaders(req.headers) });
        if (found) res.on('finish', () => recheckSockets(found.user.id));
        next();
      } catch (error) {
        next(error);
      }
    }),
  ];
  // Everything Express would hand to better-auth (its matching is case-insensitive: so is this).
  app.all('/api/auth/{*rest}', canonicalAuthPathsOnly(marker), ...guards, markGuarded(marker), toNodeHandler(auth));
}

/** Runs `handlers` only for the better-auth routes `matches` picks (by the route it will run). */
function when(matches: (req: Request) => boolean, ...handlers: RequestHandler[]): RequestHandler {
  const chain = Router().use(...handlers);
  return (req, res, next) => (matches(req) ? chain(req, res, next) : next());
}

const whenPost = (routes: ReadonlySet<string>, ...handlers: RequestHandler[]) =>
  when((req) => req.method === 'POST' && routes.has(req.authRoute ?? ''), ...handlers);

/**
 * better-auth reads JSON and, on sign-in, form bodies. Anything it might read that was not
 * parsed here (another type, or a malformed Content-Type it would still take as JSON) is refused,
 * so no credential ever reaches it unseen by the guards. A form field given twice is refused too:
 * better-auth would take the last one, the guards a list.
 */
function onlyReadableBodies(req: Request, _res: Response, next: NextFunction) {
  const length = req.headers['content-length'];
  const mayHaveBody =
    req.headers['content-type'] !== undefined &&
    (req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0'));
  if (req.body === undefined && mayHaveBody) return next(new HttpError('BAD_REQUEST', 'Send the body as JSON.', undefined, 415));
  if (req.is('application/x-www-form-urlencoded') && Object.values((req.body ?? {}) as Record<string, unknown>).some(Array.isArray)) {
    return next(new HttpError('BAD_REQUEST', 'Each field may be sent only once.'));
  }
  next();
}

/** The signed-in (or half signed-in, owing its second factor) account a request comes from. */
async function accountOfSignedIn(auth: Auth, req: Request): Promise<string | null> {
  const headers = fromNodeHeaders(req.headers);
  const found = await auth.api.getSession({ headers });
  if (found) return found.user.email;
  return accountOwingSecondFactor(auth, headers);
}

/**
 * During sign-in, between the password and the code, better-auth knows the account by a signed
 * `two_factor` cookie naming a verification row whose value is the account id.
 */
async function accountOwingSecondFactor(auth: Auth, headers: Headers): Promise<string | null> {
  const cookies = headers.get('cookie') ?? '';
  const match = /(?:^|;\s*)(?:__Secure-)?better-auth\.two_factor=([^;]+)/.exec(cookies);
  if (!match) return null;
  let signed: string;
  try {
    signed = decodeURIComponent(match[1]!);
  } catch {
    return null; // a mangled cookie names no account; better-auth refuses it too
  }
  const identifier = signed.slice(0, signed.lastIndexOf('.'));
  if (!identifier) return null;
  const ctx = await auth.$context;
  const verification = await ctx.internalAdapter.findVerificationValue(identifier);
  if (!verification) return null;
  return (await ctx.internalAdapter.findUserById(verification.value))?.email ?? null;
}
