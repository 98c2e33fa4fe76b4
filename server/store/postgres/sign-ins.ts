import type pg from 'pg';
import { toSignInCheck, type SignInCheckRecord } from '../account-rows.js';
import type { SignInCheck, SignInRow, SignInStore } from '../types.js';
import { batchedRead } from './batched-read.js';

interface CheckRecord extends SignInCheckRecord {
  sign_in_id: string;
  now_iso: string;
}

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
  // Every command re-checks its sign-in (S11): the checks of one event-loop turn are one statement.
  const check = batchedRead<{ signInId: string; nowIso: string }, SignInCheck>(
    (k) => `${k.signInId} ${k.nowIso}`,
    async (keys) => {
      const { rows } = await pool.query<CheckRecord>({
        // Named: prepared once per connection. Planning this join cost four times its run.
        name: 'sign-in-check',
        text: `SELECT k.sign_in_id, k.now_iso, s."userId", u."twoFactorEnabled", u."mustChangePassword",
                EXISTS (SELECT 1 FROM screen_locks l WHERE l.sign_in_id = s.id) AS locked,
                (SELECT value FROM settings WHERE key = 'requireTwoFactor') AS require_two_factor
           FROM unnest($1::text[], $2::text[]) AS k (sign_in_id, now_iso)
           JOIN "session" s ON s.id = k.sign_in_id AND s."expiresAt" > k.now_iso::timestamptz
           JOIN "user" u ON u.id = s."userId"
          WHERE NOT coalesce(u.disabled, false)`,
        values: [keys.map((k) => k.signInId), keys.map((k) => k.nowIso)],
      });
      return new Map(rows.map((r) => [`${r.sign_in_id} ${r.now_iso}`, toSignInCheck(r)]));
    },
  );
  return {
    check: (signInId, nowIso) => check({ signInId, nowIso }),
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
