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
