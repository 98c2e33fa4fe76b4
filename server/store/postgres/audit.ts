import { toAuditEntry, type AuditRecord } from '../rows.js';
import type { AuditEntry, AuditStore, AuditWrite } from '../types.js';
import type { Queryable } from './transaction.js';

/**
 * Writes one audit entry on `q`: inside the caller's transaction when `q` is its client, so the
 * other stores' audited writes land with their entry or not at all (docs/privacy.md D4). The
 * actor's name is copied in the same statement: the name at this moment (D2).
 */
export async function appendAudit(q: Queryable, entry: AuditWrite): Promise<void> {
  await q.query(
    `INSERT INTO audit_log (at, actor_id, actor_name, action, subject_type, subject_id, detail, address)
     VALUES ($1, $2, (SELECT name FROM "user" WHERE id = $2), $3, $4, $5, $6, $7)`,
    [entry.at, entry.actorId, entry.action, entry.subjectType, entry.subjectId, JSON.stringify(entry.detail), entry.address],
  );
}

/** The audit log table: insert and read only; its triggers refuse UPDATE, DELETE and TRUNCATE (D1). */
export function postgresAudit(q: Queryable): AuditStore {
  return {
    append: (entry) => appendAudit(q, entry),
    list: async (from, to, limit): Promise<AuditEntry[]> => {
      const { rows } = await q.query<AuditRecord>(
        `SELECT seq::text, at::text, actor_id, actor_name, action, subject_type, subject_id, detail, address
           FROM audit_log WHERE at >= $1 AND at < $2 ORDER BY at, seq LIMIT $3`,
        [from, to, limit],
      );
      return rows.map(toAuditEntry);
    },
  };
}
