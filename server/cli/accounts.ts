import { parseArgs } from 'node:util';
import { newAccountSchema } from '../../shared/schemas/rest.js';
import { AccountExistsError, createAccount, createAuth, migrateAuth } from '../auth/auth.js';
import { WeakPasswordError } from '../auth/password-strength.js';
import { loadSecret } from '../auth/secret.js';
import { systemClock } from '../clock.js';
import { configFromEnv } from '../config.js';
import { createAudit } from '../privacy/audit.js';
import { sqliteStore } from '../store/sqlite/index.js';
import { openDatabase } from '../store/sqlite/open.js';

const USAGE = `Usage:
  npm run accounts -- add --name "Dana Lee" --email dana@example.org --password '…' [--admin]
  npm run accounts -- list
Uses DATA_DIR (default ./data), like the server.`;

/** Provisioning accounts from a shell, through the same better-auth as the server. */
async function main(argv: string[]): Promise<number> {
  const [verb, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: { name: { type: 'string' }, email: { type: 'string' }, password: { type: 'string' }, admin: { type: 'boolean', default: false } },
  });
  const config = configFromEnv(process.env);
  const db = openDatabase(config.dataDir);
  try {
    const auth = createAuth(db, loadSecret(config.dataDir, config.authSecret), config.publicUrl);
    await migrateAuth(auth);
    const store = sqliteStore(db);
    if (verb === 'list') {
      for (const u of store.users.list()) console.log(`${u.id}\t${u.email}\t${u.name}${u.admin ? '\tadmin' : ''}`);
      return 0;
    }
    if (verb !== 'add') {
      console.error(USAGE);
      return 2;
    }
    const parsed = newAccountSchema.safeParse(values);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) console.error(`--${issue.path.join('.')}: ${issue.message}`);
      console.error(USAGE);
      return 2;
    }
    const { id } = await createAccount(auth, parsed.data);
    // From a shell: the actor is `cli`, and there is no network address (docs/privacy.md D2).
    createAudit(store.audit, systemClock).record({
      actorId: 'cli',
      action: 'account.create',
      subjectType: 'user',
      subjectId: id,
      detail: { via: 'cli', admin: parsed.data.admin },
      address: null,
    });
    console.log(`Added ${parsed.data.admin ? 'admin' : 'facilitator'} account ${parsed.data.email} (${id}).`);
    return 0;
  } catch (error) {
    if (error instanceof AccountExistsError || error instanceof WeakPasswordError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  } finally {
    db.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
