import type { Settings, SettingsStore } from '../types.js';
import type { Db } from './open.js';
import type { Synced } from './promised.js';

/**
 * What a fresh server runs with: 2FA offered but not required; a 15-minute idle lock; ended sessions
 * kept for ever; no clinic place chosen (the environment's, `clinicPlace`).
 */
export const DEFAULT_SETTINGS: Settings = {
  requireTwoFactor: false,
  idleLockMinutes: 15,
  retentionDays: null,
  clinicTimeZone: null,
  clinicLocale: null,
};

/**
 * Settings as key → JSON rows, so a new setting needs no migration. Read on every request that
 * needs one: a single indexed row, and an admin's change takes effect at once everywhere.
 */
export function sqliteSettings(db: Db): Synced<SettingsStore> {
  const all = db.prepare<[], { key: string; value: string }>('SELECT key, value FROM settings');
  const put = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');

  const get = (): Settings => {
    const stored = Object.fromEntries(all.all().map((r) => [r.key, JSON.parse(r.value)]));
    return { ...DEFAULT_SETTINGS, ...pick(stored) };
  };

  return {
    get,
    update: db.transaction((patch: Partial<Settings>) => {
      for (const [key, value] of Object.entries(pick(patch))) put.run(key, JSON.stringify(value));
      return get();
    }),
  };
}

/** Only known keys with values of the right type: a stray row never reaches the server. */
function pick(source: Record<string, unknown>): Partial<Settings> {
  const out: Partial<Settings> = {};
  if (typeof source.requireTwoFactor === 'boolean') out.requireTwoFactor = source.requireTwoFactor;
  if (typeof source.idleLockMinutes === 'number') out.idleLockMinutes = source.idleLockMinutes;
  if (source.retentionDays === null || typeof source.retentionDays === 'number') out.retentionDays = source.retentionDays;
  if (typeof source.clinicTimeZone === 'string') out.clinicTimeZone = source.clinicTimeZone;
  if (typeof source.clinicLocale === 'string') out.clinicLocale = source.clinicLocale;
  return out;
}
