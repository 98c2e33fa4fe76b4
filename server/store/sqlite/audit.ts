import type { Instant } from '../../../shared/time.js';
import { toAuditEntry, type AuditRecord } from '../rows.js';
import type { AuditEntry, AuditStore, AuditWrite } from '../types.js';
import type { Synced } from './promised.js';
import type { Db } from './open.js';

/**
 * Writes one audit entry now, inside whatever transaction is open: the other stores' audited
 * writes call it in theirs (docs/privacy.md D4).
 */
export function auditAppender(db: Db): (entry: AuditWrite) => void {
  const insert = db.prepare(
    // The actor's name is copied in the same statement: it is the name at this moment (D2).
    `INSERT INTO audit_log (at, actor_id, actor_name, action, subject_type, subject_id, detail, address)
     VALUES (@at, @actorId, (SELECT name FROM "user" WHERE id = @actorId), @action, @subjectType, @subjectId, @detail, @address)`,
  );
  return (entry) => {
    insert.run({ ...entry, detail: JSON.stringify(entry.detail) });
  };
}

/** The audit log table: insert and read only; its triggers refuse UPDATE and DELETE (D1). */
export function sqliteAudit(db: Db): Synced<AuditStore> {
  const range = db.prepare<[number, number, number], AuditRecord>(
    'SELECT * FROM audit_log WHERE at >= ? AND at < ? ORDER BY at, seq LIMIT ?',
  );
  return {
    append: auditAppender(db),
    list: (from: Instant, to: Instant, limit: number): AuditEntry[] => range.all(from, to, limit).map(toAuditEntry),
  };
}
