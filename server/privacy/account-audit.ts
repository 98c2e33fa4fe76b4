import type { BetterAuthPlugin } from 'better-auth';
import { createAuthMiddleware, getSessionFromCtx, isAPIError } from 'better-auth/api';

/** What better-auth did for an account that the audit log records (docs/privacy.md D2). */
export type AccountEvent = 'auth.sign-out' | 'auth.two-factor.enable' | 'auth.two-factor.disable';

/** Told the account, what happened and the better-auth path that did it. */
export type AccountListener = (userId: string, event: AccountEvent, via: string) => void | Promise<void>;

/** Routes that end sign-ins: the caller's own (`sign-out`) or others of the same account. */
const SIGN_OUT_PATH = /^\/(sign-out|revoke-session|revoke-sessions|revoke-other-sessions)$/;
/** Routes after which two-factor may have been turned on (a first accepted code) or off. */
const TWO_FACTOR_PATH = /^\/two-factor\/(verify-totp|disable)$/;

interface Before {
  userId: string;
  twoFactorEnabled: boolean;
}

/**
 * A better-auth plugin that reports sign-outs and two-factor turned on or off, once better-auth
 * has done them. Its hooks see the path better-auth routed, whatever spelling the request used.
 * The account is found before the endpoint runs: after a sign-out its session is gone. Two-factor
 * is "enabled" when a `verify-totp` by a signed-in account flipped the account's flag (the first
 * accepted code, S3), not on `two-factor/enable`, which only hands out the secret.
 */
export function accountAudit(listener: AccountListener) {
  // Keyed by the request object better-auth hands both hooks; dropped with the request.
  const before = new WeakMap<object, Before>();
  const keyOf = (ctx: { request?: object; headers?: object }) => ctx.request ?? ctx.headers ?? null;
  const watched = (path: string | undefined) => SIGN_OUT_PATH.test(path ?? '') || TWO_FACTOR_PATH.test(path ?? '');
  return {
    id: 'holdspace-account-audit',
    hooks: {
      before: [
        {
          matcher: (ctx) => watched(ctx.path),
          handler: createAuthMiddleware(async (ctx) => {
            const key = keyOf(ctx);
            const found = key ? await getSessionFromCtx(ctx).catch(() => null) : null;
            if (key && found) before.set(key, { userId: found.user.id, twoFactorEnabled: Boolean(found.user.twoFactorEnabled) });
          }),
        },
      ],
      after: [
        {
          matcher: (ctx) => watched(ctx.path),
          handler: createAuthMiddleware(async (ctx) => {
            const key = keyOf(ctx);
            const was = key ? before.get(key) : undefined;
            if (!was || isAPIError(ctx.context.returned)) return;
            if (SIGN_OUT_PATH.test(ctx.path)) {
              await listener(was.userId, 'auth.sign-out', ctx.path);
              return;
            }
            const user = await ctx.context.internalAdapter.findUserById(was.userId);
            const now = Boolean((user as { twoFactorEnabled?: boolean } | null)?.twoFactorEnabled);
            if (now !== was.twoFactorEnabled)
              await listener(was.userId, now ? 'auth.two-factor.enable' : 'auth.two-factor.disable', ctx.path);
          }),
        },
      ],
    },
  } satisfies BetterAuthPlugin;
}
