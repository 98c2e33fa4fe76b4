import type { BetterAuthPlugin } from 'better-auth';
import { APIError, createAuthMiddleware, getSessionFromCtx } from 'better-auth/api';
import { passwordWeakness } from './password-strength.js';

/** better-auth routes that set a new password (`newPassword` in the body). */
const SETS_PASSWORD = new Set(['/change-password', '/reset-password']);

/**
 * Refuses a weak new password on better-auth's own routes (docs/security.md S25), with the same
 * sentence as the account routes; the account's name and email count as easy guesses.
 */
export function passwordPolicy() {
  return {
    id: 'holdspace-password-policy',
    hooks: {
      before: [
        {
          matcher: (ctx) => SETS_PASSWORD.has(ctx.path ?? ''),
          handler: createAuthMiddleware(async (ctx) => {
            const password = (ctx.body as { newPassword?: unknown } | undefined)?.newPassword;
            if (typeof password !== 'string') return; // better-auth's own schema refuses it
            const session = await getSessionFromCtx(ctx);
            // Signed out, change-password is better-auth's 401, not a verdict on the password.
            if (ctx.path === '/change-password' && !session) return;
            const reason = await passwordWeakness(password, session ? [session.user.name, session.user.email] : []);
            if (reason) throw new APIError('BAD_REQUEST', { code: 'WEAK_PASSWORD', message: reason });
          }),
        },
      ],
    },
  } satisfies BetterAuthPlugin;
}
