import type { UserRow, UserStore } from '../types.js';
import type { Db } from './open.js';

/** Reads better-auth's `user` table; accounts are created through better-auth only. */
export function sqliteUsers(db: Db): UserStore {
  const select = 'SELECT id, name, email, role = \'admin\' AS admin FROM "user"';
  const toUser = (r: UserRow & { admin: number | boolean }): UserRow => ({ ...r, admin: Boolean(r.admin) });
  const count = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM "user"');
  const byId = db.prepare<[string], UserRow>(`${select} WHERE id = ?`);
  const all = db.prepare<[], UserRow>(`${select} ORDER BY name COLLATE NOCASE`);
  const role = db.prepare('UPDATE "user" SET role = ? WHERE id = ?');
  return {
    count: () => count.get()!.n,
    get: (id) => {
      const r = byId.get(id);
      return r ? toUser(r) : null;
    },
    list: () => all.all().map(toUser),
    setAdmin: (id, admin) => {
      role.run(admin ? 'admin' : 'facilitator', id);
    },
  };
}
