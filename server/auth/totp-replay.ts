import type { BetterAuthPlugin } from 'better-auth';
import { APIError, createAuthMiddleware, getSessionFromCtx, isAPIError } from 'better-auth/api';
import type { GuardQueries } from './auth-database.js';

const VERIFY_TOTP = '/two-factor/verify-totp';

/**
 * A TOTP code is accepted for its own 30-second step and one on either side: at most 90 s.
 * Remembering each accepted code a little longer than that refuses every replay of it.
 */
const REMEMBER_MS = 150_000;

/**
 * One use per TOTP code and account (docs/security.md S23). better-auth checks that a code is
 * right for the time, not that it is new, so a code seen over a shoulder could be replayed within
 * its window. Before `verify-totp` runs, the code is claimed for the account in one database
 * statement (two racing requests cannot both claim it); a wrong code's claim is given back after.
 * This covers sign-in and the confirmation of a new enrolment, which is the same route.
 */
export function totpReplayGuard(queries: GuardQueries) {
  return {
    id: 'holdspace-totp-replay',
    hooks: {
      before: [
        {
          matcher: (ctx) => ctx.path === VERIFY_TOTP,
          handler: createAuthMiddleware(async (ctx) => {
            const code = codeOf(ctx);
            const userId = await accountVerifying(ctx);
            if (typeof code !== 'string' || !userId) return; // better-auth refuses these itself
            const now = Date.now();
            if (!(await queries.claimTotpCode(userId, code, now, now - REMEMBER_MS))) {
              throw new APIError('UNAUTHORIZED', {
                code: 'TOTP_CODE_USED',
                message: 'This code has already been used: wait for the next one.',
              });
            }
          }),
        },
      ],
      after: [
        {
          matcher: (ctx) => ctx.path === VERIFY_TOTP,
          handler: createAuthMiddleware(async (ctx) => {
            if (!isAPIError(ctx.context.returned)) return;
            const code = codeOf(ctx);
            const userId = await accountVerifying(ctx);
            // A refused code was not used; a replay's refusal leaves the first use's claim alone.
            if (typeof code === 'string' && userId && ctx.context.returned.body?.code !== 'TOTP_CODE_USED')
              await queries.giveBackTotpCode(userId, code);
          }),
        },
      ],
    },
  } satisfies BetterAuthPlugin;
}

type HookContext = Parameters<Parameters<typeof createAuthMiddleware>[0]>[0];

/** The account a code is for: the signed-in one (enrolment), or the one owing its second factor. */
async function accountVerifying(ctx: HookContext): Promise<string | null> {
  const session = await getSessionFromCtx(ctx);
  if (session) return session.user.id;
  const cookie = ctx.context.createAuthCookie('two_factor');
  const identifier = await ctx.getSignedCookie(cookie.name, ctx.context.secret);
  if (!identifier) return null;
  return (await ctx.context.internalAdapter.findVerificationValue(identifier))?.value ?? null;
}

/** better-auth hands the body over untyped; its own schema checks it after these hooks. */
const codeOf = (ctx: HookContext): unknown => (ctx.body as { code?: unknown } | undefined)?.code;
