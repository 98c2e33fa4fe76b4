import type { Db } from './open.js';

/**
 * Forward-only migrations, numbered; `user_version` records how far a database has come.
 * Never edit a shipped step: add the next one.
 */
const STEPS: string[] = [
  `CREATE TABLE groups (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     focus TEXT,
     billing_code TEXT NOT NULL DEFAULT '90853',
     agreements TEXT NOT NULL DEFAULT '',
     lead_id TEXT NOT NULL,
     co_id TEXT,
     created_at INTEGER NOT NULL
   );
   CREATE TABLE group_members (
     id TEXT PRIMARY KEY,
     group_id TEXT NOT NULL REFERENCES groups(id),
     name TEXT NOT NULL,
     seat INTEGER,            -- NULL once removed from the roster
     UNIQUE (group_id, seat)
   );
   CREATE TABLE sessions (
     id TEXT PRIMARY KEY,
     group_id TEXT NOT NULL REFERENCES groups(id),
     lead_id TEXT NOT NULL,
     co_id TEXT,
     plan TEXT NOT NULL,
     seats TEXT NOT NULL,
     status TEXT NOT NULL,
     version INTEGER NOT NULL,
     snapshot TEXT NOT NULL,
     machine_version TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     started_at INTEGER,
     ended_at INTEGER
   );
   CREATE INDEX sessions_open ON sessions(status) WHERE status <> 'ended';
   CREATE INDEX sessions_group ON sessions(group_id, created_at);
   CREATE TABLE session_log (
     session_id TEXT NOT NULL REFERENCES sessions(id),
     version INTEGER NOT NULL,
     at INTEGER NOT NULL,
     actor_id TEXT NOT NULL,
     command_id TEXT NOT NULL,
     event TEXT NOT NULL,
     PRIMARY KEY (session_id, version),
     UNIQUE (session_id, command_id)
   ) WITHOUT ROWID;
   -- The phase log is append-only: the database itself refuses edits.
   CREATE TRIGGER session_log_no_update BEFORE UPDATE ON session_log
     BEGIN SELECT RAISE(ABORT, 'the phase log is append-only'); END;
   CREATE TRIGGER session_log_no_delete BEFORE DELETE ON session_log
     BEGIN SELECT RAISE(ABORT, 'the phase log is append-only'); END;`,
  // Security (docs/security.md): server-wide settings, co-facilitator invites (only a hash of
  // each token is kept), and locked screens keyed by better-auth's sign-in session id.
  `CREATE TABLE settings (
     key TEXT PRIMARY KEY,
     value TEXT NOT NULL
   );
   CREATE TABLE invites (
     token_hash TEXT PRIMARY KEY,
     group_id TEXT NOT NULL REFERENCES groups(id),
     created_by TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     expires_at INTEGER NOT NULL,
     used_at INTEGER,
     used_by TEXT
   );
   CREATE TABLE screen_locks (
     sign_in_id TEXT PRIMARY KEY,
     locked_at INTEGER NOT NULL
   );`,
  // Privacy (docs/privacy.md): the append-only audit log; Part 2 groups; member erasure that a
  // stale roster cannot undo; and the one controlled way to delete a phase log (retention purge).
  `CREATE TABLE audit_log (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     at INTEGER NOT NULL,
     actor_id TEXT NOT NULL,
     action TEXT NOT NULL,
     subject_type TEXT NOT NULL,
     subject_id TEXT,
     detail TEXT NOT NULL DEFAULT '{}'
   );
   CREATE INDEX audit_log_at ON audit_log(at);
   CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
     BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
   CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
     BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
   ALTER TABLE groups ADD COLUMN substance_use INTEGER NOT NULL DEFAULT 0;
   ALTER TABLE group_members ADD COLUMN erased_at INTEGER;
   -- Unseating everyone (a roster save) still works; renaming or re-seating an erased row does not.
   CREATE TRIGGER group_members_erased BEFORE UPDATE ON group_members
     WHEN OLD.erased_at IS NOT NULL AND (NEW.name IS NOT OLD.name OR NEW.seat IS NOT NULL OR NEW.erased_at IS NOT OLD.erased_at)
     BEGIN SELECT RAISE(ABORT, 'an erased member stays erased'); END;
   -- A marker per purged session, itself append-only and only possible once the session ended.
   CREATE TABLE session_purges (session_id TEXT PRIMARY KEY, purged_at INTEGER NOT NULL) WITHOUT ROWID;
   CREATE TRIGGER session_purges_ended_only BEFORE INSERT ON session_purges
     WHEN (SELECT status FROM sessions WHERE id = NEW.session_id) IS NOT 'ended'
     BEGIN SELECT RAISE(ABORT, 'only an ended session can be purged'); END;
   CREATE TRIGGER session_purges_no_update BEFORE UPDATE ON session_purges
     BEGIN SELECT RAISE(ABORT, 'purge markers are permanent'); END;
   CREATE TRIGGER session_purges_no_delete BEFORE DELETE ON session_purges
     BEGIN SELECT RAISE(ABORT, 'purge markers are permanent'); END;
   -- The phase log still refuses every edit and delete, except deleting a purged session's rows.
   DROP TRIGGER session_log_no_delete;
   CREATE TRIGGER session_log_no_delete BEFORE DELETE ON session_log
     WHEN NOT EXISTS (SELECT 1 FROM session_purges WHERE session_id = OLD.session_id)
     BEGIN SELECT RAISE(ABORT, 'the phase log is append-only'); END;
   CREATE TRIGGER session_log_purged BEFORE INSERT ON session_log
     WHEN EXISTS (SELECT 1 FROM session_purges WHERE session_id = NEW.session_id)
     BEGIN SELECT RAISE(ABORT, 'this session was purged'); END;`,
  // Review sign and lock (docs/review.md): signatures, the lock the first one writes, and the
  // addenda after it. Append-only like the log; only the retention purge may delete them.
  `CREATE TABLE review_locks (
     session_id TEXT PRIMARY KEY REFERENCES sessions(id),
     locked_at INTEGER NOT NULL,
     log_version INTEGER NOT NULL,
     log_digest TEXT NOT NULL
   ) WITHOUT ROWID;
   CREATE TABLE review_signatures (
     session_id TEXT NOT NULL REFERENCES sessions(id),
     user_id TEXT NOT NULL,
     role TEXT NOT NULL CHECK (role IN ('lead', 'co')),
     signed_at INTEGER NOT NULL,
     PRIMARY KEY (session_id, user_id)
   ) WITHOUT ROWID;
   CREATE TABLE review_addenda (
     id TEXT PRIMARY KEY,
     session_id TEXT NOT NULL REFERENCES sessions(id),
     author_id TEXT NOT NULL,
     at INTEGER NOT NULL,
     text TEXT NOT NULL
   );
   CREATE INDEX review_addenda_session ON review_addenda(session_id, at);
   CREATE TRIGGER review_locks_no_update BEFORE UPDATE ON review_locks
     BEGIN SELECT RAISE(ABORT, 'a signed review stays locked'); END;
   CREATE TRIGGER review_locks_no_delete BEFORE DELETE ON review_locks
     WHEN NOT EXISTS (SELECT 1 FROM session_purges WHERE session_id = OLD.session_id)
     BEGIN SELECT RAISE(ABORT, 'a signed review stays locked'); END;
   CREATE TRIGGER review_signatures_no_update BEFORE UPDATE ON review_signatures
     BEGIN SELECT RAISE(ABORT, 'signatures are permanent'); END;
   CREATE TRIGGER review_signatures_no_delete BEFORE DELETE ON review_signatures
     WHEN NOT EXISTS (SELECT 1 FROM session_purges WHERE session_id = OLD.session_id)
     BEGIN SELECT RAISE(ABORT, 'signatures are permanent'); END;
   CREATE TRIGGER review_addenda_no_update BEFORE UPDATE ON review_addenda
     BEGIN SELECT RAISE(ABORT, 'addenda are append-only'); END;
   CREATE TRIGGER review_addenda_no_delete BEFORE DELETE ON review_addenda
     WHEN NOT EXISTS (SELECT 1 FROM session_purges WHERE session_id = OLD.session_id)
     BEGIN SELECT RAISE(ABORT, 'addenda are append-only'); END;`,
  `CREATE TABLE group_reviewers (
     group_id TEXT NOT NULL REFERENCES groups(id),
     user_id TEXT NOT NULL,
     granted_by TEXT NOT NULL,
     granted_at INTEGER NOT NULL,
     PRIMARY KEY (group_id, user_id)
   ) WITHOUT ROWID;
   CREATE INDEX group_reviewers_user ON group_reviewers(user_id);`,
  // A session's snapshot is no longer saved with every log entry (server/live/snapshots.ts): the
  // column says which version it holds; the session's version is its log's newest entry.
  `ALTER TABLE sessions RENAME COLUMN version TO snapshot_version;`,
  // Audit entries say where an action came from (docs/privacy.md D2): null for older entries,
  // the command line and scheduled jobs.
  `ALTER TABLE audit_log ADD COLUMN address TEXT;`,
  // Step 8. The actor's name as it was when the entry was written (docs/privacy.md D2): renaming
  // an account does not relabel its past. Entries from before this step have none.
  `ALTER TABLE audit_log ADD COLUMN actor_name TEXT;`,
  // Step 9. The phase log in append order (docs/decisions/010-live-core.md, docs/performance.md):
  // keyed by (session, version) with the whole entry in the key's tree, and a second tree for the
  // command ids, each command dirtied two pages at random places in the file — about 4 KB of
  // write-ahead log and its checkpoint each. Now the rows go in rowid order (the page being
  // filled is shared by a group's commands) and one narrow index serves every lookup: by version,
  // and by command id (covered, scanned within the session). The trigger keeps what the keys
  // kept, for every writer: a session's entries come in version order with no gap and no repeat.
  // Old logs are copied in the order they were appended.
  `CREATE TABLE session_log_appended (
     session_id TEXT NOT NULL REFERENCES sessions(id),
     version INTEGER NOT NULL,
     at INTEGER NOT NULL,
     actor_id TEXT NOT NULL,
     command_id TEXT NOT NULL,
     event TEXT NOT NULL
   );
   INSERT INTO session_log_appended (session_id, version, at, actor_id, command_id, event)
     SELECT session_id, version, at, actor_id, command_id, event FROM session_log ORDER BY at, session_id, version;
   DROP TABLE session_log;
   ALTER TABLE session_log_appended RENAME TO session_log;
   CREATE INDEX session_log_key ON session_log(session_id, version, command_id);
   CREATE TRIGGER session_log_in_order BEFORE INSERT ON session_log
     WHEN EXISTS (SELECT 1 FROM session_log WHERE session_id = NEW.session_id AND version >= NEW.version)
       OR (NEW.version <> 1 AND NOT EXISTS (SELECT 1 FROM session_log WHERE session_id = NEW.session_id AND version = NEW.version - 1))
     BEGIN SELECT RAISE(ABORT, 'a log entry must follow the session''s last one'); END;
   CREATE TRIGGER session_log_purged BEFORE INSERT ON session_log
     WHEN EXISTS (SELECT 1 FROM session_purges WHERE session_id = NEW.session_id)
     BEGIN SELECT RAISE(ABORT, 'this session was purged'); END;
   CREATE TRIGGER session_log_no_update BEFORE UPDATE ON session_log
     BEGIN SELECT RAISE(ABORT, 'the phase log is append-only'); END;
   CREATE TRIGGER session_log_no_delete BEFORE DELETE ON session_log
     WHEN NOT EXISTS (SELECT 1 FROM session_purges WHERE session_id = OLD.session_id)
     BEGIN SELECT RAISE(ABORT, 'the phase log is append-only'); END;`,
  // Step 10. Progress notes per member (docs/review.md §Progress notes, R15–R18): every save is a new
  // version, never an update; once the review is signed (locked) only addenda are taken. Both
  // tables hang off sessions, so the retention purge removes them with the session (privacy D9).
  `CREATE TABLE progress_note_versions (
     session_id TEXT NOT NULL REFERENCES sessions(id),
     member_id TEXT NOT NULL,
     version INTEGER NOT NULL,
     fields TEXT NOT NULL,
     author_id TEXT NOT NULL,
     saved_at INTEGER NOT NULL,
     PRIMARY KEY (session_id, member_id, version)
   ) WITHOUT ROWID;
   CREATE TABLE progress_note_addenda (
     id TEXT PRIMARY KEY,
     session_id TEXT NOT NULL REFERENCES sessions(id),
     member_id TEXT NOT NULL,
     author_id TEXT NOT NULL,
     at INTEGER NOT NULL,
     text TEXT NOT NULL
   );
   CREATE INDEX progress_note_addenda_session ON progress_note_addenda(session_id, member_id, at);
   CREATE TRIGGER progress_note_versions_signed BEFORE INSERT ON progress_note_versions
     WHEN EXISTS (SELECT 1 FROM review_locks WHERE session_id = NEW.session_id)
     BEGIN SELECT RAISE(ABORT, 'a signed note takes addenda only'); END;
   CREATE TRIGGER progress_note_versions_no_update BEFORE UPDATE ON progress_note_versions
     BEGIN SELECT RAISE(ABORT, 'note versions are append-only'); END;
   CREATE TRIGGER progress_note_versions_no_delete BEFORE DELETE ON progress_note_versions
     WHEN NOT EXISTS (SELECT 1 FROM session_purges WHERE session_id = OLD.session_id)
     BEGIN SELECT RAISE(ABORT, 'note versions are append-only'); END;
   CREATE TRIGGER progress_note_addenda_no_update BEFORE UPDATE ON progress_note_addenda
     BEGIN SELECT RAISE(ABORT, 'addenda are append-only'); END;
   CREATE TRIGGER progress_note_addenda_no_delete BEFORE DELETE ON progress_note_addenda
     WHEN NOT EXISTS (SELECT 1 FROM session_purges WHERE session_id = OLD.session_id)
     BEGIN SELECT RAISE(ABORT, 'addenda are append-only'); END;`,
  // Step 11. The group's safety steps, shown while a crisis pause lasts (issue 16 §6).
  `ALTER TABLE groups ADD COLUMN safety_steps TEXT NOT NULL DEFAULT '';`,
  // Step 12 (issue 17 §4, §5; it goes after §3's clinic time zone step when both land, as step 13).
  // A group's "worth a look" thresholds as JSON (null: the defaults, shared/schemas/trends.ts), and
  // when a reviewer last opened a session's review, so the home page lists what is new to them
  // (docs/privacy.md D31). The reads hang off sessions: the retention purge removes them with it.
  `ALTER TABLE groups ADD COLUMN trend_settings TEXT;
   CREATE TABLE review_reads (
     session_id TEXT NOT NULL REFERENCES sessions(id),
     user_id TEXT NOT NULL,
     read_at INTEGER NOT NULL,
     PRIMARY KEY (session_id, user_id)
   ) WITHOUT ROWID;`,
  // Step 13. Member voice (docs/ratings.md): the group's scale as JSON (null: the default items),
  // the items each session asked, the windows ratings were collected in, and one rating per member
  // and session. All hang off sessions, so the retention purge removes them with their session.
  `ALTER TABLE groups ADD COLUMN rating_items TEXT;
   CREATE TABLE session_rating_items (
     session_id TEXT PRIMARY KEY REFERENCES sessions(id),
     items TEXT NOT NULL
   ) WITHOUT ROWID;
   CREATE TABLE rating_windows (
     id TEXT PRIMARY KEY,
     session_id TEXT NOT NULL REFERENCES sessions(id),
     opened_by TEXT NOT NULL,
     opened_at INTEGER NOT NULL,
     closed_at INTEGER,
     closed_by TEXT
   );
   CREATE INDEX rating_windows_by_session ON rating_windows(session_id, opened_at);
   CREATE INDEX rating_windows_open ON rating_windows(session_id) WHERE closed_at IS NULL;
   CREATE TABLE ratings (
     session_id TEXT NOT NULL REFERENCES sessions(id),
     member_id TEXT NOT NULL,
     scores TEXT NOT NULL,
     comment TEXT NOT NULL,
     submitted_at INTEGER NOT NULL,
     submissions INTEGER NOT NULL,
     via TEXT NOT NULL CHECK (via IN ('phone', 'screen')),
     PRIMARY KEY (session_id, member_id)
   ) WITHOUT ROWID;`,
  // Step 14. One open rating link per session as the database's rule: with the store async, two
  // presses at once could both find none open and open two (docs/ratings.md). A session that has
  // two already keeps its newest.
  `UPDATE rating_windows SET closed_at = opened_at, closed_by = 'system'
    WHERE closed_at IS NULL AND rowid NOT IN (SELECT max(rowid) FROM rating_windows WHERE closed_at IS NULL GROUP BY session_id);
   DROP INDEX rating_windows_open;
   CREATE UNIQUE INDEX rating_windows_open ON rating_windows(session_id) WHERE closed_at IS NULL;`,
];

export function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > STEPS.length) {
    throw new Error(`The database is from a newer Holdspace (schema ${current}, this build knows ${STEPS.length}).`);
  }
  for (let step = current; step < STEPS.length; step++) {
    db.transaction(() => {
      db.exec(STEPS[step]!);
      db.pragma(`user_version = ${step + 1}`);
    })();
  }
}
