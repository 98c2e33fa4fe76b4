import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './migrations.js';
import { createPrivateFile, PRIVATE_FILE, tightenDataDir, type OnLoosened } from '../private-files.js';

export type Db = Database.Database;

/**
 * Opens (or creates) the database with the settings durability depends on. `synchronous` is set
 * on every open: a reopened WAL database does not remember it (BRIEF §6). FULL makes an
 * acknowledged commit survive power loss, not only a crash of the process.
 *
 * The folder is made 0700 and the database 0600 before SQLite touches it (docs/privacy.md D22):
 * SQLite makes its `-wal` and `-shm` with the database file's mode, so a private database keeps
 * its log private too, whatever the umask. Looser modes found at start are tightened and reported.
 */
export function openDatabase(dataDir: string, file = 'holdspace.db', onLoosened?: OnLoosened): Db {
  tightenDataDir(dataDir, onLoosened);
  const full = path.join(dataDir, file);
  if (!fs.existsSync(full)) createPrivateFile(full, { exclusive: false });
  const db = new Database(full);
  // Already private unless the file is not the server's own name; cheap, and the -wal follows it.
  fs.chmodSync(full, PRIVATE_FILE);
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
