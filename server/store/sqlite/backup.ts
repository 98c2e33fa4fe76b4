import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
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
 * A consistent copy of a live database through SQLite's online backup API (better-sqlite3's
 * `db.backup`): the server keeps writing meanwhile, and the copy is one committed state, never a
 * torn file as `cp` of a WAL database can be. The copy holds patient data: it is made readable by
 * its owner only, and checked before it is reported done (docs/operations.md).
 */
export async function backupDatabase(db: Db, file: string): Promise<BackupResult> {
  if (fs.existsSync(file)) throw new Error(`${file} already exists; a backup never overwrites a file.`);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  // The rest in one step, under one read transaction: a copy made in small steps restarts each
  // time the server writes between them, and a busy server could keep it restarting for ever.
  const { totalPages } = await db.backup(file, { progress: () => 0x7fffffff });
  const copy = new Database(file, { fileMustExist: true });
  try {
    // One self-contained file (no -wal beside it) to move around; the server sets WAL again on open.
    copy.pragma('journal_mode = DELETE');
    const check = copy.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new Error(`the backup at ${file} failed its integrity check: ${String(check)}`);
    return { file, pages: totalPages, schema: copy.pragma('user_version', { simple: true }) as number };
  } finally {
    copy.close();
    fs.chmodSync(file, 0o600);
  }
}
