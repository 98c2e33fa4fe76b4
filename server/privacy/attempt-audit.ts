import { createHash } from 'node:crypto';
import type { Request } from 'express';
import type { Logger } from '../logger.js';
import type { AttemptEvents } from '../security/brute-force.js';
import type { Audit } from './audit.js';

/** Who made a failed attempt is not known (that is the point): entries name the account tried. */
const ANONYMOUS = 'anonymous';

/** A stable stand-in for an email that has no account: never the email itself (D3). */
const emailHash = (email: string) => createHash('sha256').update(email.trim().toLowerCase()).digest('hex');

/**
 * Records failed password and second-factor attempts and lock-outs (docs/privacy.md D2, D17):
 * the account tried (its id, or a hash of an email that has none), the route, the answer's
 * status, the address and the time — never a password or code. Written after the answer is sent,
 * so a failed write is logged, not turned into a different answer. `accountIdOf` looks the account
 * up (better-auth's, wired in app.ts), so privacy/ does not reach into auth/.
 */
export function attemptAudit(audit: Audit, accountIdOf: (email: string) => Promise<string | null>, logger: Logger): AttemptEvents {
  const record = async (req: Request, action: 'auth.sign-in.failed' | 'auth.lockout', facts: Record<string, string | number>) => {
    try {
      const email = req.attemptAccount ?? null;
      const accountId = email ? await accountIdOf(email) : null;
      await audit.record({
        actorId: ANONYMOUS,
        action,
        subjectType: 'user',
        subjectId: accountId,
        detail: {
          ...facts,
          route: req.authRoute ?? `${req.baseUrl}${req.path}`,
          ...(email && !accountId ? { emailHash: emailHash(email) } : {}),
        },
        address: req.ip ?? null,
      });
    } catch (error) {
      logger.error({ err: error }, 'could not audit a failed sign-in attempt');
    }
  };
  return {
    failed: (req, status) => void record(req, 'auth.sign-in.failed', { status }),
    lockedOut: (req, by) => void record(req, 'auth.lockout', { by }),
  };
}
