import { instant, type Instant } from '../../../shared/time.js';
import type { AuditEntry, AuditStore, AuditWrite } from '../types.js';
import type { Synced } from './promised.js';
import type { Db } from './open.js';

interface AuditRecord {
  seq: number;
  at: number;
  actor_id: string;
  actor_name: string | null;
  action: string;
  subject_type: string;
  subject_id: string | null;
  detail: string;
  address: string | null;
}

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
    list: (from: Instant, to: Instant, limit: number): AuditEntry[] =>
      range.all(from, to, limit).map((r) => ({
        seq: r.seq,
        at: instant(r.at),
        actorId: r.actor_id,
        actorName: r.actor_name,
        action: r.action,
        subjectType: r.subject_type,
        subjectId: r.subject_id,
        detail: JSON.parse(r.detail) as Record<string, unknown>,
        address: r.address,
      })),
  };
}
