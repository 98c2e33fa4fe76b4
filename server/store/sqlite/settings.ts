import { knownSettings, settingsFrom } from '../account-rows.js';
import type { Settings, SettingsStore } from '../types.js';
import type { Db } from './open.js';
import type { Synced } from './promised.js';

/**
 * Settings as key → JSON rows (../account-rows.ts). Read on every request that needs one: a
 * single indexed row, and an admin's change takes effect at once everywhere.
 */
export function sqliteSettings(db: Db): Synced<SettingsStore> {
  const all = db.prepare<[], { key: string; value: string }>('SELECT key, value FROM settings');
  const put = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');

  const get = (): Settings => settingsFrom(Object.fromEntries(all.all().map((r) => [r.key, JSON.parse(r.value)])));

  return {
    get,
    update: db.transaction((patch: Partial<Settings>) => {
      for (const [key, value] of Object.entries(knownSettings(patch))) put.run(key, JSON.stringify(value));
      return get();
    }),
  };
}
