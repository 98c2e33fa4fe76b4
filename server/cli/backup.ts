import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { systemClock } from '../clock.js';
import { configFromEnv } from '../config.js';
import { createAudit } from '../privacy/audit.js';
import { sqliteAudit } from '../store/sqlite/audit.js';
import { backupDatabase, backupName } from '../store/sqlite/backup.js';

const USAGE = `Usage:
  npm run backup                      # to DATA_DIR/backups/holdspace-<time>.db
  npm run backup -- /path/to/copy.db  # to a path of your choice (never overwritten)
Safe while the server runs. Uses DATA_DIR (default ./data), like the server.`;

/** `npm run backup`: an online, consistent copy of the database (docs/operations.md). */
async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { help: { type: 'boolean', short: 'h' } } });
  if (values.help || positionals.length > 1) {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  const { dataDir } = configFromEnv(process.env);
  const target = path.resolve(positionals[0] ?? path.join(dataDir, 'backups', backupName(new Date())));
  const db = new Database(path.join(dataDir, 'holdspace.db'), { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = FULL');
    const result = await backupDatabase(db, target);
    try {
      createAudit(sqliteAudit(db), systemClock).record({
        actorId: 'cli',
        action: 'backup.create',
        subjectType: 'database',
        subjectId: null,
        detail: { pages: result.pages, schema: result.schema },
      });
    } catch (error) {
      console.error(`The backup was made, but it could not be recorded in the audit log: ${(error as Error).message}`);
    }
    console.log(`Backed up ${result.pages} pages (schema ${result.schema}) to ${result.file}`);
    return 0;
  } catch (error) {
    console.error(`Backup failed: ${(error as Error).message}`);
    return 1;
  } finally {
    db.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
