import type { AccountRow, AuditWrite, UserRow, UserStore } from '../types.js';
import { auditAppender } from './audit.js';
import type { Db } from './open.js';
import type { Synced } from './promised.js';

type Raw = AccountRow & { admin: number | boolean; disabled: number | boolean | null; mustChangePassword: number | boolean | null };

/** Reads better-auth's `user` table; accounts are created through better-auth only. */
export function sqliteUsers(db: Db): Synced<UserStore> {
  const select = `SELECT id, name, email, role = 'admin' AS admin, disabled, mustChangePassword FROM "user"`;
  const toAccount = (r: Raw): AccountRow => ({
    id: r.id,
    name: r.name,
    email: r.email,
    admin: Boolean(r.admin),
    disabled: Boolean(r.disabled),
    mustChangePassword: Boolean(r.mustChangePassword),
  });
  const toUser = ({ id, name, email, admin }: AccountRow): UserRow => ({ id, name, email, admin });
  const count = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM "user"');
  const byId = db.prepare<[string], Raw>(`${select} WHERE id = ?`);
  const byEmail = db.prepare<[string], Raw>(`${select} WHERE email = ?`);
  const all = db.prepare<[], Raw>(`${select} ORDER BY name COLLATE NOCASE`);
  const role = db.prepare('UPDATE "user" SET role = ? WHERE id = ?');
  const disabled = db.prepare('UPDATE "user" SET disabled = ? WHERE id = ?');
  const mustChange = db.prepare('UPDATE "user" SET mustChangePassword = ? WHERE id = ?');
  const audited = auditAppender(db);
  const admins = db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM "user" WHERE role = 'admin' AND NOT coalesce(disabled, 0)`);
  const account = (id: string) => {
    const r = byId.get(id);
    return r ? toAccount(r) : null;
  };
  return {
    count: () => count.get()!.n,
    get: (id) => {
      const a = account(id);
      return a ? toUser(a) : null;
    },
    list: () =>
      all
        .all()
        .map(toAccount)
        .filter((a) => !a.disabled)
        .map(toUser),
    setAdmin: db.transaction((id: string, admin: boolean, audit: AuditWrite) => {
      role.run(admin ? 'admin' : 'facilitator', id);
      audited(audit);
    }),
    accounts: () => all.all().map(toAccount),
    account,
    byEmail: (email) => {
      const r = byEmail.get(email.toLowerCase());
      return r ? toAccount(r) : null;
    },
    setDisabled: db.transaction((id: string, value: boolean, audit: AuditWrite) => {
      disabled.run(value ? 1 : 0, id);
      audited(audit);
    }),
    setMustChangePassword: db.transaction((id: string, value: boolean, audit: AuditWrite | null) => {
      mustChange.run(value ? 1 : 0, id);
      if (audit) audited(audit);
    }),
    activeAdminCount: () => admins.get()!.n,
  };
}
