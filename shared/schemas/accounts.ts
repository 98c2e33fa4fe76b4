import { z } from 'zod';
import type { UserSummary } from './rest.js';

/** The account lifecycle (docs/security.md S42, S43): what the admin page and Account page exchange. */

/** PUT /api/accounts/:userId/role */
export const roleChangeSchema = z.strictObject({ admin: z.boolean() });

/** GET /api/accounts: every account, disabled ones too (they keep their name on past records). */
export interface AccountSummary extends UserSummary {
  disabled: boolean;
  /** An admin reset the password; the person must choose a new one at next sign-in. */
  mustChangePassword: boolean;
  /** Unexpired sign-ins right now. */
  signIns: number;
}

/** POST /api/accounts/:userId/reset-password: shown to the admin once, never again. */
export interface PasswordReset {
  account: AccountSummary;
  temporaryPassword: string;
}

/** GET /api/me/sign-ins: one of my sign-ins. Never the session token. */
export interface SignInSummary {
  id: string;
  /** "Firefox on Linux", read from the browser's user agent; null when it sent none. */
  device: string | null;
  address: string | null;
  signedInAt: string;
  lastActiveAt: string;
  /** The sign-in this request came with. */
  current: boolean;
}
