import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { instant } from '../../shared/time.js';
import { createAuth, migrateAuth, type Auth } from '../../server/auth/auth.js';
import { postgresAudit } from '../../server/store/postgres/audit.js';
import { openPostgres } from '../../server/store/postgres/index.js';
import { postgresGroups } from '../../server/store/postgres/groups.js';
import { postgresInvites } from '../../server/store/postgres/invites.js';
import { postgresSettings } from '../../server/store/postgres/settings.js';
import { postgresSignIns } from '../../server/store/postgres/sign-ins.js';
import { postgresUsers } from '../../server/store/postgres/users.js';
import { sqliteStore } from '../../server/store/sqlite/index.js';
import { openDatabase } from '../../server/store/sqlite/open.js';
import type { AuditStore, InviteStore, SettingsStore, SignInStore, UserStore } from '../../server/store/types.js';
import { freshDatabase } from '../support/postgres.js';
import { CONTRACT_GROUP } from './sqlite-live.js';

const SECRET = 'accounts-contract-secret-long-enough-for-better-auth';
const REFUSAL = 'the audit log refuses this entry';

/** The accounts' stores over one database, with a real better-auth on the same database. */
export interface AccountsEngine {
  auth: Auth;
  users: UserStore;
  settings: SettingsStore;
  invites: InviteStore;
  signIns: SignInStore;
  audit: AuditStore;
  /** A group invites can be made for. */
  group(): Promise<string>;
  /** Until `allowAudit`, the database refuses every audit entry (the all-or-nothing cases). */
  refuseAudit(): Promise<void>;
  allowAudit(): Promise<void>;
  close(): Promise<void>;
}

/** SQLite as the server opens it: better-auth's tables first, then the store's. */
export async function openSqliteAccounts(): Promise<AccountsEngine> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holdspace-accounts-contract-'));
  process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  const db = openDatabase(dir);
  const auth = createAuth({ kind: 'sqlite', db }, SECRET, null);
  await migrateAuth(auth);
  const store = sqliteStore(db);
  return {
    auth,
    users: store.users,
    settings: store.settings,
    invites: store.invites,
    signIns: store.signIns,
    audit: store.audit,
    group: async () => {
      const id = randomUUID();
      await store.groups.create(id, 'lead-1', CONTRACT_GROUP, instant(0));
      return id;
    },
    refuseAudit: async () => {
      db.exec(`CREATE TRIGGER audit_refused BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, '${REFUSAL}'); END`);
    },
    allowAudit: async () => {
      db.exec('DROP TRIGGER audit_refused');
    },
    close: async () => {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** PostgreSQL as a node of the scale-out opens it: the store's migrations, then better-auth's. */
export async function openPostgresAccounts(): Promise<AccountsEngine> {
  const database = await freshDatabase();
  const pool = await openPostgres(database.url);
  const auth = createAuth({ kind: 'postgres', pool }, SECRET, null);
  await migrateAuth(auth);
  return {
    auth,
    users: postgresUsers(pool),
    settings: postgresSettings(pool),
    invites: postgresInvites(pool),
    signIns: postgresSignIns(pool),
    audit: postgresAudit(pool),
    group: async () => {
      const id = randomUUID();
      await postgresGroups(pool).create(id, 'lead-1', CONTRACT_GROUP, instant(0));
      return id;
    },
    refuseAudit: async () => {
      await pool.query(`CREATE FUNCTION audit_refused() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '${REFUSAL}'; END $$;
        CREATE TRIGGER audit_refused BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_refused()`);
    },
    allowAudit: async () => {
      await pool.query('DROP TRIGGER audit_refused ON audit_log; DROP FUNCTION audit_refused()');
    },
    close: async () => {
      await pool.end();
      await database.drop();
    },
  };
}
