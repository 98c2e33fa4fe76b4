import type { Instant } from '../../../shared/time.js';
import type { SignInCheck, SignInStore } from '../types.js';
import type { Db } from './open.js';

/**
 * Reads better-auth's `session` and `user` tables directly, synchronously: the socket checks a
 * sign-in on every command, and one indexed row is cheaper than a round through better-auth.
 * better-auth stores `expiresAt` as an ISO string, so the comparison is between ISO strings.
 */
export function sqliteSignIns(db: Db): SignInStore {
  const check = db.prepare<[string, string], { userId: string; twoFactorEnabled: number | null; locked: number }>(
    `SELECT s.userId AS userId, u.twoFactorEnabled AS twoFactorEnabled,
            EXISTS (SELECT 1 FROM screen_locks l WHERE l.sign_in_id = s.id) AS locked
       FROM "session" s JOIN "user" u ON u.id = s.userId
      WHERE s.id = ? AND s.expiresAt > ?`,
  );
  const lock = db.prepare('INSERT INTO screen_locks (sign_in_id, locked_at) VALUES (?, ?) ON CONFLICT DO NOTHING');
  const unlock = db.prepare('DELETE FROM screen_locks WHERE sign_in_id = ?');
  const locked = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM screen_locks WHERE sign_in_id = ?');
  return {
    check: (signInId, nowIso): SignInCheck | null => {
      const r = check.get(signInId, nowIso);
      return r ? { userId: r.userId, twoFactorEnabled: Boolean(r.twoFactorEnabled), locked: Boolean(r.locked) } : null;
    },
    lock: (signInId: string, at: Instant) => {
      lock.run(signInId, at);
    },
    unlock: (signInId) => {
      unlock.run(signInId);
    },
    isLocked: (signInId) => locked.get(signInId)!.n > 0,
  };
}
