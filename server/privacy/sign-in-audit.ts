import type { BetterAuthPlugin } from 'better-auth';
import { createAuthMiddleware } from 'better-auth/api';

/** Told the account id and the better-auth path (`/sign-in/email`, `/two-factor/verify-totp`…). */
export type SignInListener = (userId: string, via: string) => void | Promise<void>;

const SIGN_IN_PATH = /^\/(sign-in\/|two-factor\/verify-)/;

/**
 * A better-auth plugin that reports completed sign-ins to the audit log (docs/privacy.md D2).
 * It must come after the two-factor plugin: plugin after-hooks run in order, and two-factor's
 * clears the new session while a second factor is still owed, so a half-done sign-in (password
 * right, code not yet given) is not recorded as one. Session refreshes are not sign-ins either.
 */
export function signInAudit(onSignIn: SignInListener) {
  return {
    id: 'holdspace-sign-in-audit',
    hooks: {
      after: [
        {
          matcher: (ctx) => SIGN_IN_PATH.test(ctx.path ?? ''),
          handler: createAuthMiddleware(async (ctx) => {
            const session = ctx.context.newSession;
            if (session) await onSignIn(session.user.id, ctx.path);
          }),
        },
      ],
    },
  } satisfies BetterAuthPlugin;
}
