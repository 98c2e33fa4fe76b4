import { parseArgs } from 'node:util';
import { newAccountSchema } from '../../shared/schemas/rest.js';
import { AccountRefusal, accountLifecycle, type Actor } from '../accounts/lifecycle.js';
import { temporaryPassword } from '../accounts/temporary-password.js';
import { AccountExistsError, createAccount, createAuth, migrateAuth } from '../auth/auth.js';
import { WeakPasswordError } from '../auth/password-strength.js';
import { loadSecret } from '../auth/secret.js';
import { systemClock } from '../clock.js';
import { configFromEnv } from '../config.js';
import { createAudit } from '../privacy/audit.js';
import { openStorage, storeOf } from '../storage.js';
import type { AccountRow, Store } from '../store/types.js';

const USAGE = `Usage:
  npm run accounts -- add --name "Dana Lee" --email dana@example.org [--admin]
      prints a temporary password once; it must be changed at first sign-in
  printf '%s' "$PASSWORD" | npm run accounts -- add --name "Dana Lee" --email dana@example.org --password-stdin
      sets that password (HOLDSPACE_PASSWORD in the environment works too)
  npm run accounts -- list
  npm run accounts -- disable --email dana@example.org       # signs out everywhere; sign-in refused
  npm run accounts -- enable --email dana@example.org
  npm run accounts -- set-admin --email dana@example.org
  npm run accounts -- remove-admin --email dana@example.org
  npm run accounts -- reset-password --email dana@example.org   # prints a temporary password once
  npm run accounts -- sign-out-everywhere --email dana@example.org
Uses DATA_DIR (default ./data), like the server. Every change is written to the audit log as "cli".
(--password '…' still works for add, but npm prints the command line, password included: avoid it.)`;

/** The shell acts as `cli`; it has no address. Sockets of a running server close at their next check. */
const CLI: Actor = { id: 'cli', address: null };

class UsageError extends Error {}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** The password for `add`: stdin, the environment, the (discouraged) flag, or a generated one. */
async function passwordFor(values: { password?: string; 'password-stdin'?: boolean }): Promise<{ password: string; generated: boolean }> {
  if (values['password-stdin']) return { password: await readStdin(), generated: false };
  const given = process.env.HOLDSPACE_PASSWORD ?? values.password;
  return given ? { password: given, generated: false } : { password: temporaryPassword(), generated: true };
}

const describe = (a: AccountRow) => `${a.email} (${a.id})`;
const stateOf = (a: AccountRow) =>
  [a.admin && 'admin', a.disabled && 'disabled', a.mustChangePassword && 'must-change-password'].filter(Boolean).join(',');

/** Provisioning and the account lifecycle from a shell, through the same better-auth as the server. */
async function main(argv: string[]): Promise<number> {
  const [verb, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      name: { type: 'string' },
      email: { type: 'string' },
      password: { type: 'string' },
      'password-stdin': { type: 'boolean', default: false },
      admin: { type: 'boolean', default: false },
    },
  });
  const config = configFromEnv(process.env);
  // The same database the server uses: PostgreSQL when DATABASE_URL names one, else SQLite in DATA_DIR.
  const storage = await openStorage(config);
  const auth = createAuth(storage, loadSecret(config.dataDir, config.authSecret), config.publicUrl);
  await migrateAuth(auth);
  const store = await storeOf(storage);
  try {
    const audit = createAudit(store.audit, systemClock);
    const lifecycle = accountLifecycle({ auth, store, audit, closeSockets: async () => {} });
    const account = async (): Promise<AccountRow> => {
      if (!values.email) throw new UsageError('--email is required.');
      const found = await store.users.byEmail(values.email);
      if (!found) throw new AccountRefusal('NOT_FOUND', `There is no account with the email ${values.email}.`);
      return found;
    };
    switch (verb) {
      case 'list':
        for (const a of await store.users.accounts()) console.log([a.id, a.email, a.name, stateOf(a)].filter(Boolean).join('\t'));
        return 0;
      case 'add':
        return await add(store, auth, values);
      case 'disable': {
        const a = await account();
        await lifecycle.disable(CLI, a.id);
        console.log(`Disabled ${describe(a)}: signed out everywhere; signing in is refused until it is enabled.`);
        return 0;
      }
      case 'enable': {
        const a = await account();
        await lifecycle.enable(CLI, a.id);
        console.log(`Enabled ${describe(a)}: it can sign in again.`);
        return 0;
      }
      case 'set-admin':
      case 'remove-admin': {
        const a = await account();
        await lifecycle.setAdmin(CLI, a.id, verb === 'set-admin');
        console.log(`${describe(a)} is ${verb === 'set-admin' ? 'now an admin' : 'no longer an admin'}.`);
        return 0;
      }
      case 'reset-password': {
        const a = await account();
        const password = await lifecycle.resetPassword(CLI, a.id);
        console.log(`Reset the password of ${describe(a)} and signed it out everywhere.`);
        console.log(`Temporary password (shown once; it must be changed at next sign-in): ${password}`);
        return 0;
      }
      case 'sign-out-everywhere': {
        const a = await account();
        const ended = await lifecycle.signOutEverywhere(CLI, a.id);
        console.log(`Signed ${describe(a)} out everywhere (${ended} sign-in${ended === 1 ? '' : 's'} ended).`);
        return 0;
      }
      default:
        console.error(USAGE);
        return 2;
    }
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n${USAGE}`);
      return 2;
    }
    if (error instanceof AccountRefusal || error instanceof AccountExistsError || error instanceof WeakPasswordError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  } finally {
    await store.close();
  }
}

async function add(
  store: Store,
  auth: ReturnType<typeof createAuth>,
  values: Record<string, string | boolean | undefined>,
): Promise<number> {
  const { password, generated } = await passwordFor(values);
  const parsed = newAccountSchema.safeParse({ name: values.name, email: values.email, password, admin: values.admin });
  if (!parsed.success) {
    // Never echo a value: a password issue names the field only.
    for (const issue of parsed.error.issues) console.error(`--${issue.path.join('.')}: ${issue.message}`);
    console.error(USAGE);
    return 2;
  }
  const { id } = await createAccount(auth, parsed.data);
  // Its creation is audited just below: this write needs no entry of its own.
  if (generated) await store.users.setMustChangePassword(id, true, null);
  // From a shell: the actor is `cli`, and there is no network address (docs/privacy.md D2).
  await createAudit(store.audit, systemClock).record({
    actorId: 'cli',
    action: 'account.create',
    subjectType: 'user',
    subjectId: id,
    detail: { via: 'cli', admin: parsed.data.admin },
    address: null,
  });
  console.log(`Added ${parsed.data.admin ? 'admin' : 'facilitator'} account ${parsed.data.email} (${id}).`);
  if (generated) console.log(`Temporary password (shown once; it must be changed at first sign-in): ${password}`);
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
