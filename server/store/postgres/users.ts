import type pg from 'pg';
import type { AccountRow, AuditWrite, UserRow, UserStore } from '../types.js';
import { appendAudit } from './audit.js';
import { inTransaction } from './transaction.js';

interface AccountRecord {
  id: string;
  name: string;
  email: string;
  admin: boolean;
  disabled: boolean | null;
  must_change: boolean | null;
}

const SELECT = `SELECT id, name, email, role = 'admin' AS admin, disabled, "mustChangePassword" AS must_change FROM "user"`;
// SQLite's `COLLATE NOCASE`: ASCII letters folded, everything else by code point.
const BY_NAME = 'ORDER BY lower(name COLLATE "C")';

const toAccount = (r: AccountRecord): AccountRow => ({
  id: r.id,
  name: r.name,
  email: r.email,
  admin: Boolean(r.admin),
  disabled: Boolean(r.disabled),
  mustChangePassword: Boolean(r.must_change),
});
const toUser = ({ id, name, email, admin }: AccountRow): UserRow => ({ id, name, email, admin });

/**
 * Reads better-auth's `user` table on PostgreSQL, as ../sqlite/users.ts does on SQLite; accounts
 * are created through better-auth only. Each lifecycle change lands with its audit entry in one
 * transaction, or neither does (docs/privacy.md D4).
 */
export function postgresUsers(pool: pg.Pool): UserStore {
  const accounts = async (where: string, values: unknown[]) =>
    (await pool.query<AccountRecord>(`${SELECT} ${where}`, values)).rows.map(toAccount);
  const account = async (id: string) => (await accounts('WHERE id = $1', [id]))[0] ?? null;
  const count = async (where: string) => (await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM "user" ${where}`)).rows[0]!.n;
  const audited = (sql: string, values: unknown[], audit: AuditWrite | null) =>
    inTransaction(pool, async (client) => {
      await client.query(sql, values);
      if (audit) await appendAudit(client, audit);
    });
  return {
    count: () => count(''),
    get: async (id) => {
      const found = await account(id);
      return found ? toUser(found) : null;
    },
    list: async () => (await accounts(`WHERE NOT coalesce(disabled, false) ${BY_NAME}`, [])).map(toUser),
    setAdmin: (id, admin, audit) => audited('UPDATE "user" SET role = $1 WHERE id = $2', [admin ? 'admin' : 'facilitator', id], audit),
    accounts: () => accounts(BY_NAME, []),
    account,
    byEmail: async (email) => (await accounts('WHERE email = $1', [email.toLowerCase()]))[0] ?? null,
    setDisabled: (id, disabled, audit) => audited('UPDATE "user" SET disabled = $1 WHERE id = $2', [disabled, id], audit),
    setMustChangePassword: (id, must, audit) => audited('UPDATE "user" SET "mustChangePassword" = $1 WHERE id = $2', [must, id], audit),
    activeAdminCount: () => count(`WHERE role = 'admin' AND NOT coalesce(disabled, false)`),
  };
}
