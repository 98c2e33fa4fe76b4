import { instant } from '../../shared/time.js';
import type { SessionStatus } from '../../shared/session/view.js';
import type { AuditEntry, LogEntry, SessionRow, StoredNames } from './types.js';

/**
 * Session rows and log entries as both stores select them (SQLite's ./sqlite/, PostgreSQL's
 * ./postgres/, which casts its 64-bit columns to numbers so its rows read the same).
 */
export interface SessionRecord {
  id: string;
  group_id: string;
  lead_id: string;
  co_id: string | null;
  plan: string;
  seats: string;
  status: SessionStatus;
  snapshot_version: number;
  /** Selected with every row: the newest log entry's version, null before the first. */
  log_version: number | null;
  snapshot: string;
  machine_version: string;
  created_at: number;
  started_at: number | null;
  ended_at: number | null;
}

export interface LogRecord {
  session_id: string;
  version: number;
  at: number;
  actor_id: string;
  command_id: string;
  event: string;
}

export const toSession = (r: SessionRecord): SessionRow => ({
  id: r.id,
  groupId: r.group_id,
  leadId: r.lead_id,
  coFacilitatorId: r.co_id,
  plan: JSON.parse(r.plan) as SessionRow['plan'],
  seats: JSON.parse(r.seats) as SessionRow['seats'],
  status: r.status,
  version: Math.max(r.log_version ?? 0, r.snapshot_version),
  snapshotVersion: r.snapshot_version,
  snapshot: r.snapshot,
  machineVersion: r.machine_version,
  createdAt: instant(r.created_at),
  startedAt: r.started_at === null ? null : instant(r.started_at),
  endedAt: r.ended_at === null ? null : instant(r.ended_at),
});

export const toEntry = (r: LogRecord): LogEntry => ({
  sessionId: r.session_id,
  version: r.version,
  at: instant(r.at),
  actorId: r.actor_id,
  commandId: r.command_id,
  event: JSON.parse(r.event) as LogEntry['event'],
});

/** The log's columns as `LogRecord` names them. */
export const LOG_COLUMNS = 'session_id, version, at, actor_id, command_id, event';

/** An audit row as both stores select it (PostgreSQL's 64-bit `seq` and `at` come as text). */
export interface AuditRecord {
  seq: number | string;
  at: number | string;
  actor_id: string;
  actor_name: string | null;
  action: string;
  subject_type: string;
  subject_id: string | null;
  detail: string;
  address: string | null;
}

export const toAuditEntry = (r: AuditRecord): AuditEntry => ({
  seq: Number(r.seq),
  at: instant(Number(r.at)),
  actorId: r.actor_id,
  actorName: r.actor_name,
  action: r.action,
  subjectType: r.subject_type,
  subjectId: r.subject_id,
  detail: JSON.parse(r.detail) as Record<string, unknown>,
  address: r.address,
});

/** A session's names as both stores select them: the members as a JSON array of [id, name] pairs. */
export interface NamesRecord {
  session_id: string;
  group_name: string;
  lead_name: string | null;
  co_name: string | null;
  members: string | null;
}

export const toStoredNames = (r: NamesRecord): [string, StoredNames] => [
  r.session_id,
  {
    groupName: r.group_name,
    memberNames: new Map(JSON.parse(r.members ?? '[]') as [string, string][]),
    leadName: r.lead_name,
    coName: r.co_name,
  },
];
