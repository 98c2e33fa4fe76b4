import type pg from 'pg';
import type { SignInRow, SignInStore } from '../types.js';

interface SignInRecord {
  id: string;
  userAgent: string | null;
  ipAddress: string | null;
  createdAt: Date;
  updatedAt: Date;
  expiresAt: Date;
}

/**
 * Reads better-auth's `session` and `user` tables on PostgreSQL, as ../sqlite/sign-ins.ts does on
 * SQLite. better-auth keeps its times as `timestamptz` here: `nowIso` is compared as a time, and
 * the times go out as the ISO strings SQLite holds.
 */
export function postgresSignIns(pool: pg.Pool): SignInStore {
  return {
    check: async (signInId, nowIso) => {
      const { rows } = await pool.query<{
        userId: string;
        twoFactorEnabled: boolean | null;
        locked: boolean;
        mustChangePassword: boolean | null;
      }>(
        `SELECT s."userId", u."twoFactorEnabled", u."mustChangePassword",
                EXISTS (SELECT 1 FROM screen_locks l WHERE l.sign_in_id = s.id) AS locked
           FROM "session" s JOIN "user" u ON u.id = s."userId"
          WHERE s.id = $1 AND s."expiresAt" > $2::timestamptz AND NOT coalesce(u.disabled, false)`,
        [signInId, nowIso],
      );
      const r = rows[0];
      return r
        ? {
            userId: r.userId,
            twoFactorEnabled: Boolean(r.twoFactorEnabled),
            locked: r.locked,
            mustChangePassword: Boolean(r.mustChangePassword),
          }
        : null;
    },
    listFor: async (userId, nowIso): Promise<SignInRow[]> => {
      const { rows } = await pool.query<SignInRecord>(
        `SELECT id, "userAgent", "ipAddress", "createdAt", "updatedAt", "expiresAt" FROM "session"
          WHERE "userId" = $1 AND "expiresAt" > $2::timestamptz ORDER BY "updatedAt" DESC, "createdAt" DESC`,
        [userId, nowIso],
      );
      return rows.map((r) => ({
        id: r.id,
        userAgent: r.userAgent,
        ipAddress: r.ipAddress,
        createdAt: r.createdAt.toISOString(),
        updatedAt: r.updatedAt.toISOString(),
        expiresAt: r.expiresAt.toISOString(),
      }));
    },
    revoke: async (userId, signInId) =>
      ((await pool.query('DELETE FROM "session" WHERE "userId" = $1 AND id = $2', [userId, signInId])).rowCount ?? 0) > 0,
    revokeAll: async (userId) => (await pool.query('DELETE FROM "session" WHERE "userId" = $1', [userId])).rowCount ?? 0,
    lock: async (signInId, at) => {
      await pool.query('INSERT INTO screen_locks (sign_in_id, locked_at) VALUES ($1, $2) ON CONFLICT DO NOTHING', [signInId, at]);
    },
    unlock: async (signInId) => {
      await pool.query('DELETE FROM screen_locks WHERE sign_in_id = $1', [signInId]);
    },
    isLocked: async (signInId) =>
      (await pool.query<{ locked: boolean }>('SELECT EXISTS (SELECT 1 FROM screen_locks WHERE sign_in_id = $1) AS locked', [signInId]))
        .rows[0]!.locked,
  };
}
