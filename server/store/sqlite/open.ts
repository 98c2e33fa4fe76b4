import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './migrations.js';

export type Db = Database.Database;

/**
 * Opens (or creates) the database with the settings durability depends on. `synchronous` is set
 * on every open: a reopened WAL database does not remember it (BRIEF §6). FULL makes an
 * acknowledged commit survive power loss, not only a crash of the process.
 */
export function openDatabase(dataDir: string, file = 'holdspace.db'): Db {
  fs.mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, file));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // A log that grew under a burst is cut back to this size when it starts over (./checkpointer.ts).
  db.pragma(`journal_size_limit = ${64 * 1024 * 1024}`);
  return db;
}

/** Our own tables; better-auth's are made by its own migrations (server/auth). */
export function prepareSchema(db: Db): void {
  migrate(db);
}
