import { TOMBSTONE } from '../group-rows.js';
import type { AuditWrite, PrivacyStore, PurgeCount } from '../types.js';
import { auditAppender } from './audit.js';
import type { Db } from './open.js';
import { emptyWriteAheadLog } from './scrub.js';

/**
 * Retention purge and member erasure. Deleted text must not stay readable in the file (D10):
 * `secure_delete` zeroes what is freed, and a checkpoint empties the write-ahead log of old page
 * images once something was deleted, before the purge or erasure answers.
 */
export function sqlitePrivacy(db: Db): PrivacyStore {
  // For the whole connection, not only the purge: every snapshot save frees the previous one's
  // pages, and with them the notes it held; unzeroed, they would outlive the purge in the freelist.
  db.pragma('secure_delete = ON');
  const expired = db.prepare<[number], { id: string }>("SELECT id FROM sessions WHERE status = 'ended' AND ended_at < ?");
  const mark = db.prepare('INSERT INTO session_purges (session_id, purged_at) VALUES (?, ?)');
  const dropLog = db.prepare('DELETE FROM session_log WHERE session_id = ?');
  const dropSession = db.prepare('DELETE FROM sessions WHERE id = ?');
  // Members off the roster whom no remaining session seats: nothing needs their name any more.
  // Tombstoned rather than deleted, so a row another table points at stays valid.
  const forgetUnseated = db.prepare(
    `UPDATE group_members SET name = ${TOMBSTONE}, erased_at = ? WHERE seat IS NULL AND erased_at IS NULL AND NOT EXISTS (
       SELECT 1 FROM sessions s, json_each(s.seats) j WHERE s.group_id = group_members.group_id AND j.value = group_members.id)`,
  );
  const erase = db.prepare(
    `UPDATE group_members SET name = ${TOMBSTONE}, seat = NULL, erased_at = ? WHERE id = ? AND group_id = ? AND erased_at IS NULL`,
  );

  // A member's ratings are theirs (docs/ratings.md): erasure deletes them, comments and all.
  const dropRatings = db.prepare('DELETE FROM ratings WHERE member_id = ?');

  const audited = auditAppender(db);

  const purge = db.transaction((cutoff: number, at: number, audit: (count: PurgeCount) => AuditWrite) => {
    const sessionIds = expired.all(cutoff).map((r) => r.id);
    let logEntries = 0;
    const dependants = tablesReferencingSessions(db);
    for (const id of sessionIds) {
      // The marker is what lets the phase log's delete trigger through, for this session only.
      mark.run(id, at);
      logEntries += dropLog.run(id).changes;
      for (const { table, column } of dependants) db.prepare(`DELETE FROM "${table}" WHERE "${column}" = ?`).run(id);
      dropSession.run(id);
    }
    if (sessionIds.length > 0) forgetUnseated.run(at);
    audited(audit({ sessionIds, logEntries }));
    return { sessionIds, logEntries };
  });
  const eraseOne = db.transaction((groupId: string, memberId: string, at: number, audit: AuditWrite) => {
    const erased = erase.run(at, memberId, groupId).changes === 1;
    if (erased) {
      dropRatings.run(memberId);
      audited(audit);
    }
    return erased;
  });

  return {
    purgeEndedBefore: async (cutoff, at, audit) => {
      const result = purge(cutoff, at, audit);
      if (result.sessionIds.length > 0) await emptyWriteAheadLog(db);
      return result;
    },
    eraseMember: async (groupId, memberId, at, audit) => {
      const erased = eraseOne(groupId, memberId, at, audit);
      if (erased) await emptyWriteAheadLog(db);
      return erased;
    },
  };
}

/**
 * Tables other features add that hang off a session (a foreign key to sessions(id)) are content
 * too: the purge finds them here, so a new table needs no change to the purge (D9).
 */
function tablesReferencingSessions(db: Db): { table: string; column: string }[] {
  const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'").all();
  return tables.flatMap(({ name }) =>
    name === 'session_log'
      ? []
      : db
          .prepare<[string], { table: string; from: string }>('SELECT "table", "from" FROM pragma_foreign_key_list(?)')
          .all(name)
          .filter((fk) => fk.table === 'sessions')
          .map((fk) => ({ table: name, column: fk.from })),
  );
}
