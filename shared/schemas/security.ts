import { z } from 'zod';
import { localeSchema, timeZoneSchema } from './clinic.js';
import { LIMITS } from './common.js';
import { accountSchema, userSummarySchema } from './rest.js';

/** Request and response shapes of the security routes (docs/security.md). */

/** An invite token as it appears in a link: 43 base64url characters (32 random bytes). */
export const inviteTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'must be an invite token');

/** Accepting an invite makes an account, so it asks what the first-account form asks. */
export const inviteAcceptSchema = accountSchema;

export const unlockSchema = z.strictObject({
  password: z.string().min(1).max(LIMITS.password.max),
});

/** What an admin may change; every key optional, unknown keys refused. */
export const settingsPatchSchema = z.strictObject({
  requireTwoFactor: z.boolean().optional(),
  idleLockMinutes: z.number().int().min(1).max(240).optional(),
  clinicTimeZone: timeZoneSchema.optional(),
  clinicLocale: localeSchema.optional(),
});

export type InviteAcceptInput = z.infer<typeof inviteAcceptSchema>;
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

/** The server-wide settings as every signed-in screen reads them; the clinic's place as in effect (R26). */
export const serverSettingsSchema = z.object({
  requireTwoFactor: z.boolean(),
  idleLockMinutes: z.number(),
  clinicTimeZone: z.string(),
  clinicLocale: z.string(),
});
export type ServerSettings = z.infer<typeof serverSettingsSchema>;

/** GET /api/me: the account, and what still stands between this screen and the console. */
export const meResponseSchema = z.object({
  user: userSummarySchema,
  twoFactorEnabled: z.boolean(),
  /** The server requires 2FA and this account has none yet: only enrolment is open. */
  mustEnrolTwoFactor: z.boolean(),
  /** This screen was locked (idle): only unlocking is open. */
  locked: z.boolean(),
  /** An admin reset the password: only choosing a new one is open (docs/security.md S43). */
  mustChangePassword: z.boolean(),
});

/** The link to hand to the invitee; shown once, never stored. */
export const inviteCreatedSchema = z.object({ url: z.string(), expiresAt: z.string() });
export type InviteCreated = z.infer<typeof inviteCreatedSchema>;

/** GET /api/invites/:token: just enough for the invitee to know what they are accepting. */
export const inviteInfoSchema = z.object({ role: z.literal('co-facilitator'), invitedBy: z.string(), expiresAt: z.string() });
