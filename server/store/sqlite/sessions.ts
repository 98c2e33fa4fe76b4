import { LOG_COLUMNS, toEntry, toSession, toStoredNames, type LogRecord, type NamesRecord, type SessionRecord } from '../rows.js';
import type { Commit, SessionStore } from '../types.js';
import type { Db } from './open.js';
import type { Synced } from './promised.js';

/**
 * Sessions and their phase logs. The log is the record; a session's row holds its snapshot as of
 * some version, saved with every change of status and at least every few entries
 * (../../live/snapshots.ts), not with each: that rewrite of a page or more per command was most of
 * what the disk wrote under load (docs/performance.md). A row's `version` is its log's.
 */
export function sqliteSessions(db: Db): Synced<SessionStore> {
  const insert = db.prepare(
    `INSERT INTO sessions (id, group_id, lead_id, co_id, plan, seats, status, snapshot_version, snapshot, machine_version, created_at)
     VALUES (@id, @groupId, @leadId, @coFacilitatorId, @plan, @seats, @status, @snapshotVersion, @snapshot, @machineVersion, @createdAt)`,
  );
  const select = selectSessions(db);
  const byId = select('WHERE s.id = ?');
  const forGroup = select('WHERE s.group_id = ? ORDER BY s.created_at DESC');
  const forUser = select('WHERE s.lead_id = ? OR s.co_id = ? ORDER BY s.created_at DESC LIMIT 200');
  const commit = commitStatement(db);
  const logOf = db.prepare<[string], LogRecord>(`SELECT ${LOG_COLUMNS} FROM session_log WHERE session_id = ? ORDER BY version`);
  const openWithCo = db.prepare<[string, string], { id: string }>(
    "SELECT id FROM sessions WHERE group_id = ? AND co_id = ? AND status <> 'ended'",
  );
  const setCo = db.prepare('UPDATE sessions SET co_id = ? WHERE id = ?');
  const namesOf = db.prepare<[string], NamesRecord>(
    `SELECT s.id AS session_id, g.name AS group_name, lead.name AS lead_name, co.name AS co_name,
            (SELECT json_group_array(json_array(m.id, m.name)) FROM group_members m WHERE m.group_id = s.group_id) AS members
       FROM sessions s JOIN groups g ON g.id = s.group_id
       LEFT JOIN "user" lead ON lead.id = s.lead_id LEFT JOIN "user" co ON co.id = s.co_id
      WHERE s.id IN (SELECT value FROM json_each(?))`,
  );
  const coOf = db.prepare<[string], { id: string; co_id: string | null }>(
    'SELECT id, co_id FROM sessions WHERE id IN (SELECT value FROM json_each(?))',
  );

  return {
    create: (row) => {
      const { version: _derived, ...stored } = row;
      insert.run({ ...stored, plan: JSON.stringify(row.plan), seats: JSON.stringify(row.seats) });
    },
    get: (id) => {
      const r = byId.get(id);
      return r ? toSession(r) : null;
    },
    listForGroup: (groupId) => forGroup.all(groupId).map(toSession),
    listFor: (userId) => forUser.all(userId, userId).map(toSession),
    commit,
    log: (sessionId) => logOf.all(sessionId).map(toEntry),
    names: (ids) => new Map(namesOf.all(JSON.stringify(ids)).map(toStoredNames)),
    coFacilitators: (ids) => new Map(coOf.all(JSON.stringify(ids)).map((r) => [r.id, r.co_id])),
    reassignCoFacilitator: db.transaction((groupId: string, fromId: string, toId: string | null) => {
      const ids = openWithCo.all(groupId, fromId).map((r) => r.id);
      for (const id of ids) setCo.run(toId, id);
      return ids;
    }),
  };
}

/** Session rows with their log's newest version, filtered by `where`. */
export function selectSessions(db: Db) {
  return (where: string) =>
    db.prepare<unknown[], SessionRecord>(
      `SELECT s.*, (SELECT max(l.version) FROM session_log l WHERE l.session_id = s.id) AS log_version FROM sessions s ${where}`,
    );
}

/**
 * One applied command written whole or not at all (a savepoint inside a group's transaction).
 * The log takes an entry only right after the session's last one (its trigger, ./migrations.ts
 * step 9): an entry built on one that failed would otherwise leave a gap, and a lost race or a
 * double writer fails instead of forking the log. A snapshot never replaces a newer one.
 */
export function commitStatement(db: Db): (commit: Commit) => void {
  const append = db.prepare(`INSERT INTO session_log (${LOG_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)`);
  const save = db.prepare(
    `UPDATE sessions SET snapshot_version = @version, status = @status, snapshot = @snapshot, machine_version = @machineVersion,
       started_at = @startedAt, ended_at = @endedAt WHERE id = @id AND snapshot_version < @version`,
  );
  return db.transaction(({ entry, saved }: Commit) => {
    const { sessionId, version } = entry;
    const event = JSON.stringify(entry.event);
    append.run(sessionId, version, entry.at, entry.actorId, entry.commandId, event);
    if (!saved) return;
    const { changes } = save.run({ id: sessionId, version, ...saved });
    if (changes !== 1) throw new Error(`session ${sessionId} has no snapshot older than version ${version}`);
  });
}
