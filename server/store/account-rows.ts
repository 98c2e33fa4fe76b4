import { instant } from '../../shared/time.js';
import type { InviteRow, Settings, SignInCheck } from './types.js';

/** Invites as both stores select them (PostgreSQL casts its `bigint` times to numbers). */
export interface InviteRecord {
  token_hash: string;
  group_id: string;
  created_by: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

export const toInvite = (r: InviteRecord): InviteRow => ({
  tokenHash: r.token_hash,
  groupId: r.group_id,
  createdBy: r.created_by,
  createdAt: instant(r.created_at),
  expiresAt: instant(r.expires_at),
  usedAt: r.used_at === null ? null : instant(r.used_at),
});

/**
 * Settings as both stores keep them: key → JSON rows, so a new setting needs no migration.
 *
 * What a fresh server runs with: 2FA offered but not required; a 15-minute idle lock; ended sessions
 * kept for ever; no clinic place chosen (the environment's, `clinicPlace`).
 */
const DEFAULT_SETTINGS: Settings = {
  requireTwoFactor: false,
  idleLockMinutes: 15,
  retentionDays: null,
  clinicTimeZone: null,
  clinicLocale: null,
};

/** The settings the stored rows (parsed) make, the defaults filled in. */
export const settingsFrom = (stored: Record<string, unknown>): Settings => ({ ...DEFAULT_SETTINGS, ...knownSettings(stored) });

/** Only known keys with values of the right type: a stray row never reaches the server. */
export function knownSettings(source: Record<string, unknown>): Partial<Settings> {
  const out: Partial<Settings> = {};
  if (typeof source.requireTwoFactor === 'boolean') out.requireTwoFactor = source.requireTwoFactor;
  if (typeof source.idleLockMinutes === 'number') out.idleLockMinutes = source.idleLockMinutes;
  if (source.retentionDays === null || typeof source.retentionDays === 'number') out.retentionDays = source.retentionDays;
  if (typeof source.clinicTimeZone === 'string') out.clinicTimeZone = source.clinicTimeZone;
  if (typeof source.clinicLocale === 'string') out.clinicLocale = source.clinicLocale;
  return out;
}

/** A sign-in check as both stores select it: SQLite's booleans are 0 and 1, the setting its stored JSON. */
export interface SignInCheckRecord {
  userId: string;
  twoFactorEnabled: boolean | number | null;
  mustChangePassword: boolean | number | null;
  locked: boolean | number;
  require_two_factor: string | null;
}

export const toSignInCheck = (r: SignInCheckRecord): SignInCheck => ({
  userId: r.userId,
  twoFactorEnabled: Boolean(r.twoFactorEnabled),
  locked: Boolean(r.locked),
  mustChangePassword: Boolean(r.mustChangePassword),
  twoFactorRequired: settingsFrom(r.require_two_factor === null ? {} : { requireTwoFactor: JSON.parse(r.require_two_factor) })
    .requireTwoFactor,
});
