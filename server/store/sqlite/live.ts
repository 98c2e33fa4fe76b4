import { pipelinedSync } from '../pipelined-sync.js';
import { LOG_COLUMNS, toEntry, toSession, type LogRecord } from '../rows.js';
import type { Commit, LiveStore } from '../types.js';
import type { Db } from './open.js';
import { commitStatement, selectSessions } from './sessions.js';

interface Queued {
  commit: Commit;
  resolve: () => void;
  reject: (error: Error) => void;
}

export interface GroupCommitIo {
  /** Commits a transaction without waiting for the disk (./wal-sync.ts). */
  commitWithoutSync<T>(commit: () => T): T;
  /** Syncs every commit so far to disk, off the event loop. */
  sync: (done: (error: Error | null) => void) => void;
  /** A sync failed: what the disk holds is unknown, and nothing waiting may be answered. */
  syncFailed: (error: Error, waiting: number) => void;
}

/**
 * The live core's store over SQLite. Reads answer at once; `append` is a group commit, pipelined
 * (docs/decisions/009-group-commit.md, 010-live-core.md).
 *
 * Appends made in one turn of the event loop are written one after another — each in a savepoint
 * of its own, so a failed write refuses only that append — inside one transaction per group that
 * commits to SQLite's write-ahead log at once; the log is then synced on a thread of the pool
 * while the event loop goes on. An append resolves only once that sync has returned, in commit
 * order (`pipelinedSync`, ../pipelined-sync.ts).
 *
 * A failed append rejects as soon as its group is written: at once, so that the live core can
 * drop the session and read it back before anything more is built on it. If the group's commit
 * fails — or SQLite rolled the group back on its own part-way, as it does when the disk is full —
 * nothing in it was written and every append in it rejects. If a sync fails, nothing of that group
 * or any later one resolves and `syncFailed` stops the process.
 */
export function sqliteLive(db: Db, io: GroupCommitIo): LiveStore {
  const commitOne = commitStatement(db);
  const select = selectSessions(db);
  const byId = select('WHERE s.id = ?');
  const open = select("WHERE s.status <> 'ended'");
  const logAfter = db.prepare<[string, number], LogRecord>(
    `SELECT ${LOG_COLUMNS} FROM session_log WHERE session_id = ? AND version > ? ORDER BY version`,
  );
  const last = db.prepare<[string], LogRecord>(`SELECT ${LOG_COLUMNS} FROM session_log WHERE session_id = ? ORDER BY version DESC LIMIT 1`);
  const commandIds = db.prepare<[string], { command_id: string }>('SELECT command_id FROM session_log WHERE session_id = ?');
  const byCommand = db.prepare<[string, string], LogRecord>(
    `SELECT ${LOG_COLUMNS} FROM session_log WHERE session_id = ? AND command_id = ?`,
  );
  const snapshotOnly = db.prepare(
    'UPDATE sessions SET snapshot_version = ?, snapshot = ?, machine_version = ? WHERE id = ? AND snapshot_version <= ?',
  );

  /** Writes the group in one transaction; one error (or null) per append, in order. */
  const writeGroup = (group: Queued[]): (Error | null)[] => {
    const errors: (Error | null)[] = [];
    try {
      io.commitWithoutSync(
        db.transaction(() => {
          for (const queued of group) {
            // A full disk makes SQLite roll the whole group back by itself: stop there, or the
            // appends after it would each commit on their own while the group reports failure.
            if (!db.inTransaction) break;
            errors.push(attempt(() => commitOne(queued.commit)));
          }
          if (!db.inTransaction) throw new Error('the database rolled the group back');
        }),
      );
    } catch (error) {
      return group.map((_, i) => errors[i] ?? (error as Error));
    }
    return errors;
  };

  const submit = pipelinedSync<Queued, Error | null>({
    commit: (group) => {
      const errors = writeGroup(group);
      group.forEach((queued, i) => errors[i] && queued.reject(errors[i]));
      return errors;
    },
    sync: io.sync,
    deliver: (group, errors) => group.forEach((queued, i) => errors[i] === null && queued.resolve()),
    syncFailed: io.syncFailed,
  });

  return {
    read: async (id) => {
      const r = byId.get(id);
      return r ? toSession(r) : null;
    },
    listOpen: async () => open.all().map(toSession),
    append: (commit) => new Promise<void>((resolve, reject) => submit({ commit, resolve, reject })),
    logAfter: async (sessionId, version) => logAfter.all(sessionId, version).map(toEntry),
    findCommand: async (sessionId, commandId) => {
      const r = byCommand.get(sessionId, commandId);
      return r ? toEntry(r) : null;
    },
    commandIds: async (sessionId) => commandIds.all(sessionId).map((r) => r.command_id),
    lastEntry: async (sessionId) => {
      const r = last.get(sessionId);
      return r ? toEntry(r) : null;
    },
    saveSnapshots: async (saves) => {
      db.transaction(() => {
        for (const s of saves) snapshotOnly.run(s.version, s.snapshot, s.machineVersion, s.id, s.version);
      })();
    },
  };
}

function attempt(write: () => void): Error | null {
  try {
    write();
    return null;
  } catch (error) {
    return error as Error;
  }
}
