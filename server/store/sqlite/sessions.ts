import { instant } from '../../../shared/time.js';
import type { SessionStatus } from '../../../shared/session/view.js';
import type { LogEntry, SessionRow, SessionStore } from '../types.js';
import type { Db } from './open.js';

interface SessionRecord {
  id: string;
  group_id: string;
  lead_id: string;
  co_id: string | null;
  plan: string;
  seats: string;
  status: SessionStatus;
  version: number;
  snapshot: string;
  machine_version: string;
  created_at: number;
  started_at: number | null;
  ended_at: number | null;
}

interface LogRecord {
  session_id: string;
  version: number;
  at: number;
  actor_id: string;
  command_id: string;
  event: string;
}

const toSession = (r: SessionRecord): SessionRow => ({
  id: r.id,
  groupId: r.group_id,
  leadId: r.lead_id,
  coFacilitatorId: r.co_id,
  plan: JSON.parse(r.plan),
  seats: JSON.parse(r.seats),
  status: r.status,
  version: r.version,
  snapshot: r.snapshot,
  machineVersion: r.machine_version,
  createdAt: instant(r.created_at),
  startedAt: r.started_at === null ? null : instant(r.started_at),
  endedAt: r.ended_at === null ? null : instant(r.ended_at),
});

const toEntry = (r: LogRecord): LogEntry => ({
  sessionId: r.session_id,
  version: r.version,
  at: instant(r.at),
  actorId: r.actor_id,
  commandId: r.command_id,
  event: JSON.parse(r.event),
});

export function sqliteSessions(db: Db): SessionStore {
  const insert = db.prepare(
    `INSERT INTO sessions (id, group_id, lead_id, co_id, plan, seats, status, version, snapshot, machine_version, created_at)
     VALUES (@id, @groupId, @leadId, @coFacilitatorId, @plan, @seats, @status, @version, @snapshot, @machineVersion, @createdAt)`,
  );
  const byId = db.prepare<[string], SessionRecord>('SELECT * FROM sessions WHERE id = ?');
  const forGroup = db.prepare<[string], SessionRecord>('SELECT * FROM sessions WHERE group_id = ? ORDER BY created_at DESC');
  const forUser = db.prepare<[string, string], SessionRecord>(
    'SELECT * FROM sessions WHERE lead_id = ? OR co_id = ? ORDER BY created_at DESC LIMIT 200',
  );
  const open = db.prepare<[], SessionRecord>("SELECT * FROM sessions WHERE status <> 'ended'");
  const append = db.prepare(
    'INSERT INTO session_log (session_id, version, at, actor_id, command_id, event) VALUES (?, ?, ?, ?, ?, ?)',
  );
  // The version check makes a lost race or a double writer fail instead of forking the log.
  const advance = db.prepare(
    `UPDATE sessions SET version = @version, status = @status, snapshot = @snapshot, machine_version = @machineVersion,
       started_at = @startedAt, ended_at = @endedAt WHERE id = @id AND version = @version - 1`,
  );
  const snapshotOnly = db.prepare('UPDATE sessions SET snapshot = ?, machine_version = ? WHERE id = ?');
  const logOf = db.prepare<[string], LogRecord>('SELECT * FROM session_log WHERE session_id = ? ORDER BY version');
  const last = db.prepare<[string], LogRecord>('SELECT * FROM session_log WHERE session_id = ? ORDER BY version DESC LIMIT 1');
  const openWithCo = db.prepare<[string, string], { id: string }>(
    "SELECT id FROM sessions WHERE group_id = ? AND co_id = ? AND status <> 'ended'",
  );
  const setCo = db.prepare('UPDATE sessions SET co_id = ? WHERE id = ?');
  const byCommand = db.prepare<[string, string], LogRecord>(
    'SELECT * FROM session_log WHERE session_id = ? AND command_id = ?',
  );

  return {
    create: (row) => {
      insert.run({ ...row, plan: JSON.stringify(row.plan), seats: JSON.stringify(row.seats) });
    },
    get: (id) => {
      const r = byId.get(id);
      return r ? toSession(r) : null;
    },
    listForGroup: (groupId) => forGroup.all(groupId).map(toSession),
    listFor: (userId) => forUser.all(userId, userId).map(toSession),
    listOpen: () => open.all().map(toSession),
    commit: db.transaction(({ entry, status, snapshot, machineVersion, startedAt, endedAt }) => {
      append.run(entry.sessionId, entry.version, entry.at, entry.actorId, entry.commandId, JSON.stringify(entry.event));
      const { changes } = advance.run({ id: entry.sessionId, version: entry.version, status, snapshot, machineVersion, startedAt, endedAt });
      if (changes !== 1) throw new Error(`session ${entry.sessionId} is not at version ${entry.version - 1}`);
    }),
    saveSnapshot: (id, snapshot, machineVersion) => {
      snapshotOnly.run(snapshot, machineVersion, id);
    },
    log: (sessionId) => logOf.all(sessionId).map(toEntry),
    findCommand: (sessionId, commandId) => {
      const r = byCommand.get(sessionId, commandId);
      return r ? toEntry(r) : null;
    },
    lastEntry: (sessionId) => {
      const r = last.get(sessionId);
      return r ? toEntry(r) : null;
    },
    reassignCoFacilitator: db.transaction((groupId: string, fromId: string, toId: string | null) => {
      const ids = openWithCo.all(groupId, fromId).map((r) => r.id);
      for (const id of ids) setCo.run(toId, id);
      return ids;
    }),
  };
}
