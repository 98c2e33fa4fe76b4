import type { Instant } from '../../../shared/time.js';
import { toSignInCheck, type SignInCheckRecord } from '../account-rows.js';
import type { SignInCheck, SignInRow, SignInStore } from '../types.js';
import type { Db } from './open.js';
import type { Synced } from './promised.js';

/**
 * Reads better-auth's `session` and `user` tables directly, synchronously: the socket checks a
 * sign-in on every command, and one indexed row is cheaper than a round through better-auth.
 * better-auth stores `expiresAt` as an ISO string, so the comparison is between ISO strings.
 */
export function sqliteSignIns(db: Db): Synced<SignInStore> {
  const check = db.prepare<[string, string], SignInCheckRecord>(
    `SELECT s.userId AS userId, u.twoFactorEnabled AS twoFactorEnabled, u.mustChangePassword AS mustChangePassword,
            EXISTS (SELECT 1 FROM screen_locks l WHERE l.sign_in_id = s.id) AS locked,
            (SELECT value FROM settings WHERE key = 'requireTwoFactor') AS require_two_factor
       FROM "session" s JOIN "user" u ON u.id = s.userId
      WHERE s.id = ? AND s.expiresAt > ? AND NOT coalesce(u.disabled, 0)`,
  );
  const lock = db.prepare('INSERT INTO screen_locks (sign_in_id, locked_at) VALUES (?, ?) ON CONFLICT DO NOTHING');
  const unlock = db.prepare('DELETE FROM screen_locks WHERE sign_in_id = ?');
  const locked = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM screen_locks WHERE sign_in_id = ?');
  const listFor = db.prepare<[string, string], SignInRow>(
    `SELECT id, userAgent, ipAddress, createdAt, updatedAt, expiresAt FROM "session"
      WHERE userId = ? AND expiresAt > ? ORDER BY updatedAt DESC, createdAt DESC`,
  );
  const revoke = db.prepare('DELETE FROM "session" WHERE userId = ? AND id = ?');
  const revokeAll = db.prepare('DELETE FROM "session" WHERE userId = ?');
  return {
    check: (signInId, nowIso): SignInCheck | null => {
      const r = check.get(signInId, nowIso);
      return r ? toSignInCheck(r) : null;
    },
    lock: (signInId: string, at: Instant) => {
      lock.run(signInId, at);
    },
    unlock: (signInId) => {
      unlock.run(signInId);
    },
    isLocked: (signInId) => locked.get(signInId)!.n > 0,
    listFor: (userId, nowIso) => listFor.all(userId, nowIso),
    revoke: (userId, signInId) => revoke.run(userId, signInId).changes > 0,
    revokeAll: (userId) => revokeAll.run(userId).changes,
  };
}
