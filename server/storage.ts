import type { AuthDatabase } from './auth/auth-database.js';
import type { OnLoosened } from './store/private-files.js';
import type { AppendingAs } from './store/postgres/live.js';
import { sqliteStore } from './store/sqlite/index.js';
import { openDatabase } from './store/sqlite/open.js';
import type { Store } from './store/types.js';

/**
 * Where Holdspace keeps everything: SQLite in the data folder (the default: one process, nothing to
 * install), or PostgreSQL at `DATABASE_URL`, which several processes can share (docs/operations.md,
 * decision 013). better-auth keeps its tables in the same one, so this is its database too.
 */
export type Storage = AuthDatabase;

/**
 * The database the server and its tools use: PostgreSQL when `DATABASE_URL` names one (its driver
 * loaded only then), else SQLite in the data folder (docs/operations.md).
 */
export async function openStorage(config: { dataDir: string; databaseUrl: string | null }, onLoosened?: OnLoosened): Promise<Storage> {
  if (!config.databaseUrl) return { kind: 'sqlite', db: openDatabase(config.dataDir, undefined, onLoosened) };
  const { openPostgres } = await import('./store/postgres/index.js');
  return { kind: 'postgres', pool: await openPostgres(config.databaseUrl) };
}

/**
 * The store over it. `syncFailed`: SQLite's log could not be synced (the server stops).
 * `appendingAs`: with PostgreSQL, the registration of the process among its peers, so that it
 * appends only to sessions it owns (./store/postgres/live.ts).
 */
export async function storeOf(
  storage: Storage,
  syncFailed?: (error: Error, waiting: number) => void,
  appendingAs?: AppendingAs,
): Promise<Store> {
  if (storage.kind === 'sqlite') return sqliteStore(storage.db, syncFailed);
  const { postgresStore } = await import('./store/postgres/index.js');
  return postgresStore(storage.pool, appendingAs);
}
