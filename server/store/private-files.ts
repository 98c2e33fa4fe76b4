import fs from 'node:fs';
import path from 'node:path';

/** Clinical data is for the account the server runs as, and no one else on the machine (docs/privacy.md D22). */
const PRIVATE_DIR = 0o700;
export const PRIVATE_FILE = 0o600;

/** Told about a path whose mode let others in: it was made private (`fixed`), or could not be. */
export type OnLoosened = (event: { path: string; was: string; fixed: boolean }) => void;

/** The database's files, the generated secret, and the backups folder, as the server lays them out. */
const DATA_FILES = ['holdspace.db', 'holdspace.db-wal', 'holdspace.db-shm', 'holdspace.db-journal', 'auth-secret'];

/**
 * Makes `dir` (and any missing parents) readable by its owner only. `mkdir`'s mode is cut by the
 * umask, so the mode is set again afterwards; a folder that already existed is tightened and
 * reported, since someone made it looser than we would.
 */
export function makePrivateDir(dir: string, onLoosened?: OnLoosened): void {
  const existed = fs.existsSync(dir);
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR });
  if (existed) tighten(dir, PRIVATE_DIR, onLoosened);
  else fs.chmodSync(dir, PRIVATE_DIR);
}

/**
 * Creates `file` empty and private; the mode is set on the open descriptor, whatever the umask,
 * before a byte is written. Exclusive (the default) fails if the file exists, so nothing is
 * overwritten; otherwise a file made meanwhile by someone else is left as it is.
 */
export function createPrivateFile(file: string, { exclusive = true } = {}): void {
  let fd: number;
  try {
    fd = fs.openSync(file, 'wx', PRIVATE_FILE);
  } catch (error) {
    if (!exclusive && (error as NodeJS.ErrnoException).code === 'EEXIST') return;
    throw error;
  }
  try {
    fs.fchmodSync(fd, PRIVATE_FILE);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Takes group and other permissions off `file` if it has any; a missing file is fine. A file we
 * may not chmod (owned by another account) is reported unfixed rather than stopping the server.
 */
export function tighten(file: string, mode: number, onLoosened?: OnLoosened): void {
  let was: number;
  try {
    was = fs.statSync(file).mode & 0o777;
  } catch {
    return;
  }
  if ((was & ~mode) === 0) return;
  let fixed = true;
  try {
    fs.chmodSync(file, mode);
  } catch {
    fixed = false;
  }
  onLoosened?.({ path: file, was: was.toString(8).padStart(3, '0'), fixed });
}

/**
 * At start: the data folder, the database's files, the secret and every backup made private.
 * Run before SQLite opens the database: SQLite gives a new `-wal`/`-shm` the database file's mode.
 */
export function tightenDataDir(dataDir: string, onLoosened?: OnLoosened): void {
  makePrivateDir(dataDir, onLoosened);
  for (const name of DATA_FILES) tighten(path.join(dataDir, name), PRIVATE_FILE, onLoosened);
  const backups = path.join(dataDir, 'backups');
  tighten(backups, PRIVATE_DIR, onLoosened);
  let made: fs.Dirent[] = [];
  try {
    made = fs.readdirSync(backups, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of made) if (entry.isFile()) tighten(path.join(backups, entry.name), PRIVATE_FILE, onLoosened);
}
