import type pg from 'pg';
import type { Db } from '../store/sqlite/open.js';

/**
 * The database better-auth keeps accounts and sign-ins in: the store's own, on either engine
 * (docs/decisions/013-scale-out.md). better-auth takes either as its `database` as it is.
 */
export type AuthDatabase = { kind: 'sqlite'; db: Db } | { kind: 'postgres'; pool: pg.Pool };

/** What our guards on better-auth (./account-guards.ts, ./totp-replay.ts) read and write beside it. */
export interface GuardQueries {
  isDisabled(userId: string): Promise<boolean>;
  /** The account set a password of its own: a reset's hold is lifted (S43). */
  passwordChanged(userId: string): Promise<void>;
  /**
   * Forgets codes used before `forgetBefore`, then claims this one for the account in one
   * statement: false if it is already claimed (two racing requests cannot both get true).
   */
  claimTotpCode(userId: string, code: string, at: number, forgetBefore: number): Promise<boolean>;
  /** A refused code was not used: its claim is given back. */
  giveBackTotpCode(userId: string, code: string): Promise<void>;
}

export function guardQueries(database: AuthDatabase): GuardQueries {
  return database.kind === 'sqlite' ? sqliteGuardQueries(database.db) : postgresGuardQueries(database.pool);
}

/** SQLite answers at once; its table of used codes is made here, as it always was. */
function sqliteGuardQueries(db: Db): GuardQueries {
  db.exec(`CREATE TABLE IF NOT EXISTS totp_codes_used (
    user_id TEXT NOT NULL, code TEXT NOT NULL, used_at INTEGER NOT NULL, PRIMARY KEY (user_id, code))`);
  const forget = db.prepare('DELETE FROM totp_codes_used WHERE used_at < ?');
  const claim = db.prepare('INSERT OR IGNORE INTO totp_codes_used (user_id, code, used_at) VALUES (?, ?, ?)');
  const giveBack = db.prepare('DELETE FROM totp_codes_used WHERE user_id = ? AND code = ?');
  // Prepared on first use: better-auth adds the user columns when it migrates, after this is built.
  let disabled: ((userId: string) => { disabled: number | null } | undefined) | null = null;
  return {
    isDisabled: async (userId) => {
      if (!disabled) {
        const statement = db.prepare<[string], { disabled: number | null }>('SELECT disabled FROM "user" WHERE id = ?');
        disabled = (id) => statement.get(id);
      }
      return Boolean(disabled(userId)?.disabled);
    },
    passwordChanged: async (userId) => {
      db.prepare('UPDATE "user" SET mustChangePassword = 0 WHERE id = ?').run(userId);
    },
    claimTotpCode: async (userId, code, at, forgetBefore) => {
      forget.run(forgetBefore);
      return claim.run(userId, code, at).changes === 1;
    },
    giveBackTotpCode: async (userId, code) => {
      giveBack.run(userId, code);
    },
  };
}

/** PostgreSQL: the table of used codes comes with the store's migrations (../store/postgres/migrations.ts). */
function postgresGuardQueries(pool: pg.Pool): GuardQueries {
  return {
    isDisabled: async (userId) => {
      const { rows } = await pool.query<{ disabled: boolean | null }>('SELECT disabled FROM "user" WHERE id = $1', [userId]);
      return Boolean(rows[0]?.disabled);
    },
    passwordChanged: async (userId) => {
      await pool.query('UPDATE "user" SET "mustChangePassword" = false WHERE id = $1', [userId]);
    },
    claimTotpCode: async (userId, code, at, forgetBefore) => {
      // Two statements, as SQLite's: an old claim of the same code must be gone before this one.
      await pool.query('DELETE FROM totp_codes_used WHERE used_at < $1', [forgetBefore]);
      // The key decides a race: the second insert of a code waits for the first and does nothing.
      const { rowCount } = await pool.query(
        'INSERT INTO totp_codes_used (user_id, code, used_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
        [userId, code, at],
      );
      return rowCount === 1;
    },
    giveBackTotpCode: async (userId, code) => {
      await pool.query('DELETE FROM totp_codes_used WHERE user_id = $1 AND code = $2', [userId, code]);
    },
  };
}
