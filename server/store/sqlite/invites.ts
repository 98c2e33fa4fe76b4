import type { Instant } from '../../../shared/time.js';
import { toInvite, type InviteRecord } from '../account-rows.js';
import type { InviteStore } from '../types.js';
import type { Db } from './open.js';
import type { Synced } from './promised.js';

/** Invites by the hash of their token; the token itself is never stored (S15). */
export function sqliteInvites(db: Db): Synced<InviteStore> {
  const insert = db.prepare('INSERT INTO invites (token_hash, group_id, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?)');
  const byHash = db.prepare<[string], InviteRecord>('SELECT * FROM invites WHERE token_hash = ?');
  // One statement decides: two people accepting the same link at once cannot both win.
  const claim = db.prepare('UPDATE invites SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?');
  const release = db.prepare('UPDATE invites SET used_at = NULL, used_by = NULL WHERE token_hash = ?');
  const usedBy = db.prepare('UPDATE invites SET used_by = ? WHERE token_hash = ?');
  return {
    create: (row) => {
      insert.run(row.tokenHash, row.groupId, row.createdBy, row.createdAt, row.expiresAt);
    },
    get: (tokenHash) => {
      const r = byHash.get(tokenHash);
      return r ? toInvite(r) : null;
    },
    claim: (tokenHash: string, at: Instant) => claim.run(at, tokenHash, at).changes === 1,
    release: (tokenHash) => {
      release.run(tokenHash);
    },
    setUsedBy: (tokenHash, userId) => {
      usedBy.run(userId, tokenHash);
    },
  };
}
