import type pg from 'pg';
import { knownSettings, settingsFrom } from '../account-rows.js';
import type { Settings, SettingsStore } from '../types.js';
import { inTransaction, type Queryable } from './transaction.js';

/** Settings as key → JSON rows on PostgreSQL (../account-rows.ts), as ../sqlite/settings.ts keeps them. */
export function postgresSettings(pool: pg.Pool): SettingsStore {
  const get = async (q: Queryable): Promise<Settings> => {
    const { rows } = await q.query<{ key: string; value: string }>('SELECT key, value FROM settings');
    return settingsFrom(Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value)])));
  };
  return {
    get: () => get(pool),
    // The whole patch or none of it, as on SQLite.
    update: (patch) =>
      inTransaction(pool, async (client) => {
        for (const [key, value] of Object.entries(knownSettings(patch)))
          await client.query('INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [
            key,
            JSON.stringify(value),
          ]);
        return get(client);
      }),
  };
}
