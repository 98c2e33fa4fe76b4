import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createPrivateFile, makePrivateDir, PRIVATE_FILE } from '../private-files.js';
import type { Db } from './open.js';

export interface BackupResult {
  file: string;
  pages: number;
  /** The copy's schema step (`user_version`), so a restore can be matched to a build. */
  schema: number;
}

/** `holdspace-2026-11-27T09-00-00-000Z.db`: sorts by time, and is a valid name on every system. */
export const backupName = (at: Date) => `holdspace-${at.toISOString().replace(/[:.]/g, '-')}.db`;

/**
 * Rows that would let the holder of a backup sign in, and so are never in one (docs/privacy.md
 * D23): better-auth's sign-in sessions (a token from a backup, signed with the server secret, was
 * an admin sign-in past two-factor) and its verification rows (pending two-factor sign-ins,
 * password-reset and other one-time tokens), and the screen locks that hang off sessions.
 * Accounts, password hashes and encrypted two-factor secrets stay: a restore needs them, and none
 * signs anyone in alone. Invites are stored as hashes of their token (S15), usable by no one.
 */
const SIGN_IN_TABLES = ['screen_locks', 'session', 'verification'];

/**
 * A consistent copy of a live database through SQLite's online backup API (better-sqlite3's
 * `db.backup`): the server keeps writing meanwhile, and the copy is one committed state, never a
 * torn file as `cp` of a WAL database can be. The copy holds patient data: it is private from its
 * first byte, holds no usable sign-in, and is checked before it is reported done
 * (docs/operations.md).
 */
export async function backupDatabase(db: Db, file: string): Promise<BackupResult> {
  if (fs.existsSync(file)) throw new Error(`${file} already exists; a backup never overwrites a file.`);
  if (!fs.existsSync(path.dirname(file))) makePrivateDir(path.dirname(file));
  // Private before the first page lands in it (SQLite would make it 0644), and claimed atomically.
  createPrivateFile(file);
  // The rest in one step, under one read transaction: a copy made in small steps restarts each
  // time the server writes between them, and a busy server could keep it restarting for ever.
  const { totalPages } = await db.backup(file, { progress: () => 0x7fffffff });
  const copy = new Database(file, { fileMustExist: true });
  try {
    // One self-contained file (no -wal beside it) to move around; the server sets WAL again on open.
    copy.pragma('journal_mode = DELETE');
    dropSignIns(copy);
    const check = copy.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new Error(`the backup at ${file} failed its integrity check: ${String(check)}`);
    return { file, pages: totalPages, schema: copy.pragma('user_version', { simple: true }) as number };
  } finally {
    copy.close();
    fs.chmodSync(file, PRIVATE_FILE);
  }
}

/**
 * Deletes the sign-in rows from a copy and rebuilds it, so their bytes are neither in a live page
 * nor in a free one. The journal is kept in memory meanwhile: a rollback journal on disk would
 * hold the very pages being scrubbed. (A crash mid-way leaves a broken copy, never a bad
 * original: the next backup makes a new one.)
 */
function dropSignIns(copy: Db): void {
  copy.pragma('journal_mode = MEMORY');
  copy.pragma('temp_store = MEMORY');
  copy.pragma('secure_delete = ON');
  const present = new Set(
    copy
      .prepare<[], { name: string }>("SELECT name FROM sqlite_schema WHERE type = 'table'")
      .all()
      .map((t) => t.name),
  );
  copy.transaction(() => {
    for (const table of SIGN_IN_TABLES) if (present.has(table)) copy.exec(`DELETE FROM "${table}"`);
  })();
  copy.exec('VACUUM');
  copy.pragma('journal_mode = DELETE');
}
