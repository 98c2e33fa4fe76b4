import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { systemClock } from '../clock.js';
import { configFromEnv } from '../config.js';
import { createAudit } from '../privacy/audit.js';
import { checkPassphrase, decryptFile, encryptFile } from '../store/backup-crypto.js';
import { sqliteAudit } from '../store/sqlite/audit.js';
import { promised } from '../store/sqlite/promised.js';
import { backupDatabase, backupName, type BackupResult } from '../store/sqlite/backup.js';
import { PASSPHRASE_ENV, readPassphrase } from './passphrase.js';

// Whatever this creates is for its own account only (docs/privacy.md D22).
process.umask(0o077);

const USAGE = `Usage:
  npm run backup                                    # to DATA_DIR/backups/holdspace-<time>.db
  npm run backup -- /path/to/copy.db                # to a path of your choice (never overwritten)
  npm run backup -- --encrypt [/path/to/copy.db.enc]  # encrypted (default DATA_DIR/backups/holdspace-<time>.db.enc)
  npm run backup -- --decrypt copy.db.enc restored.db # back to a database file, to restore
The passphrase comes from ${PASSPHRASE_ENV} or standard input (asked for, unseen, on a
terminal), never from the command line. Safe while the server runs. Uses DATA_DIR (default
./data), like the server. A backup holds no sign-in; keep auth-secret apart from it.`;

/** `npm run backup`: an online, consistent copy of the database (docs/operations.md). */
async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { help: { type: 'boolean', short: 'h' }, encrypt: { type: 'boolean' }, decrypt: { type: 'boolean' } },
  });
  const wanted = values.decrypt ? 2 : 1;
  if (values.help || (values.encrypt && values.decrypt) || positionals.length > wanted || (values.decrypt && positionals.length < 2)) {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  try {
    if (values.decrypt) return await decrypt(positionals[0]!, positionals[1]!);
    return await backup(positionals[0], Boolean(values.encrypt));
  } catch (error) {
    console.error(`${values.decrypt ? 'Decryption' : 'Backup'} failed: ${(error as Error).message}`);
    return 1;
  }
}

async function backup(to: string | undefined, encrypt: boolean): Promise<number> {
  const { dataDir } = configFromEnv(process.env);
  const target = path.resolve(to ?? path.join(dataDir, 'backups', backupName(new Date()) + (encrypt ? '.enc' : '')));
  if (fs.existsSync(target)) throw new Error(`${target} already exists; a backup never overwrites a file.`);
  const passphrase = encrypt ? await askPassphrase(true) : null;
  const db = new Database(path.join(dataDir, 'holdspace.db'), { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = FULL');
    const result = passphrase === null ? await backupDatabase(db, target) : await encryptedBackup(db, dataDir, target, passphrase);
    await audit(db, result, passphrase !== null);
    console.log(`Backed up ${result.pages} pages (schema ${result.schema}) to ${target}${passphrase === null ? '' : ', encrypted'}`);
    return 0;
  } finally {
    db.close();
  }
}

/** The plain copy is made inside the private DATA_DIR, never beside the encrypted one, and removed. */
async function encryptedBackup(db: Database.Database, dataDir: string, target: string, passphrase: string): Promise<BackupResult> {
  const scratch = fs.mkdtempSync(path.join(dataDir, '.backup-'));
  try {
    const result = await backupDatabase(db, path.join(scratch, 'holdspace.db'));
    if (!fs.existsSync(path.dirname(target))) fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
    await encryptFile(result.file, target, passphrase);
    return { ...result, file: target };
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

async function decrypt(from: string, to: string): Promise<number> {
  const passphrase = await askPassphrase(false);
  await decryptFile(path.resolve(from), path.resolve(to), passphrase);
  const copy = new Database(path.resolve(to), { fileMustExist: true, readonly: true });
  try {
    const check = copy.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new Error(`the decrypted copy failed its integrity check: ${String(check)}`);
    console.log(
      `Decrypted to ${path.resolve(to)} (schema ${String(copy.pragma('user_version', { simple: true }))}); restore it as docs/operations.md says.`,
    );
    return 0;
  } finally {
    copy.close();
  }
}

async function askPassphrase(confirm: boolean): Promise<string> {
  const passphrase = await readPassphrase(process.env, { confirm });
  const problem = checkPassphrase(passphrase);
  if (problem) throw new Error(problem);
  return passphrase;
}

async function audit(db: Database.Database, result: BackupResult, encrypted: boolean): Promise<void> {
  try {
    await createAudit(promised(sqliteAudit(db)), systemClock).record({
      actorId: 'cli',
      action: 'backup.create',
      subjectType: 'database',
      subjectId: null,
      detail: { pages: result.pages, schema: result.schema, encrypted },
    });
  } catch (error) {
    console.error(`The backup was made, but it could not be recorded in the audit log: ${(error as Error).message}`);
  }
}

process.exitCode = await main(process.argv.slice(2));
