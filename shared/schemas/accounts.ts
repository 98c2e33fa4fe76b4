import { z } from 'zod';
import { userSummarySchema } from './rest.js';

/** The account lifecycle (docs/security.md S42, S43): what the admin page and Account page exchange. */

/** PUT /api/accounts/:userId/role */
export const roleChangeSchema = z.strictObject({ admin: z.boolean() });

/** GET /api/accounts: every account, disabled ones too (they keep their name on past records). */
export const accountSummarySchema = userSummarySchema.extend({
  disabled: z.boolean(),
  /** An admin reset the password; the person must choose a new one at next sign-in. */
  mustChangePassword: z.boolean(),
  /** Unexpired sign-ins right now. */
  signIns: z.number(),
});
export type AccountSummary = z.infer<typeof accountSummarySchema>;

/** POST /api/accounts/:userId/reset-password: shown to the admin once, never again. */
export const passwordResetSchema = z.object({ account: accountSummarySchema, temporaryPassword: z.string() });

/** GET /api/me/sign-ins: one of my sign-ins. Never the session token. */
export const signInSummarySchema = z.object({
  id: z.string(),
  /** "Firefox on Linux", read from the browser's user agent; null when it sent none. */
  device: z.string().nullable(),
  address: z.string().nullable(),
  signedInAt: z.string(),
  lastActiveAt: z.string(),
  /** The sign-in this request came with. */
  current: z.boolean(),
});
export type SignInSummary = z.infer<typeof signInSummarySchema>;
