import type pg from 'pg';
import { toInvite, type InviteRecord } from '../account-rows.js';
import type { InviteStore } from '../types.js';

/** Invites by the hash of their token on PostgreSQL, as ../sqlite/invites.ts; the token itself is never stored (S15). */
export function postgresInvites(pool: pg.Pool): InviteStore {
  return {
    create: async (row) => {
      await pool.query('INSERT INTO invites (token_hash, group_id, created_by, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)', [
        row.tokenHash,
        row.groupId,
        row.createdBy,
        row.createdAt,
        row.expiresAt,
      ]);
    },
    get: async (tokenHash) => {
      const { rows } = await pool.query<InviteRecord>(
        `SELECT token_hash, group_id, created_by, created_at::float8 AS created_at, expires_at::float8 AS expires_at,
                used_at::float8 AS used_at
           FROM invites WHERE token_hash = $1`,
        [tokenHash],
      );
      return rows[0] ? toInvite(rows[0]) : null;
    },
    // One statement decides: a second claim waits on the first's row lock, then finds it used.
    claim: async (tokenHash, at) =>
      (await pool.query('UPDATE invites SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1', [at, tokenHash]))
        .rowCount === 1,
    release: async (tokenHash) => {
      await pool.query('UPDATE invites SET used_at = NULL, used_by = NULL WHERE token_hash = $1', [tokenHash]);
    },
    setUsedBy: async (tokenHash, userId) => {
      await pool.query('UPDATE invites SET used_by = $1 WHERE token_hash = $2', [userId, tokenHash]);
    },
  };
}
