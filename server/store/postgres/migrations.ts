import type pg from 'pg';

/**
 * Forward-only migrations of the PostgreSQL store, numbered like SQLite's (../sqlite/migrations.ts);
 * the `schema_version` row records how far a database has come. Never edit a shipped step: add the
 * next one. This is the live path only (sessions and their phase log); the other tables come with
 * the rest of the store (issue 19).
 *
 * Times are milliseconds since the epoch in `bigint` columns, and plan, seats, snapshot and event
 * stay JSON text as SQLite keeps them: read back to the byte, so a replay compares equal.
 */
const STEPS: string[] = [
  `CREATE TABLE sessions (
     id text PRIMARY KEY,
     group_id text NOT NULL,
     lead_id text NOT NULL,
     co_id text,
     plan text NOT NULL,
     seats text NOT NULL,
     status text NOT NULL,
     snapshot_version integer NOT NULL,
     snapshot text NOT NULL,
     machine_version text NOT NULL,
     created_at bigint NOT NULL,
     started_at bigint,
     ended_at bigint
   );
   CREATE INDEX sessions_open ON sessions (status) WHERE status <> 'ended';
   CREATE INDEX sessions_group ON sessions (group_id, created_at);
   -- The fence (docs/decisions/013-scale-out.md): a second writer's entry at a taken version, or a
   -- command id the session already has, fails on a key instead of forking the log.
   CREATE TABLE session_log (
     session_id text NOT NULL REFERENCES sessions (id),
     version integer NOT NULL,
     at bigint NOT NULL,
     actor_id text NOT NULL,
     command_id text NOT NULL,
     event text NOT NULL,
     PRIMARY KEY (session_id, version),
     UNIQUE (session_id, command_id)
   );
   -- No gap: an entry only right after the session's last one. Rows an INSERT made before this one
   -- are visible here, so one statement may carry a session's consecutive entries in order.
   CREATE FUNCTION session_log_follows() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     IF NEW.version <> 1 AND NOT EXISTS (
       SELECT 1 FROM session_log WHERE session_id = NEW.session_id AND version = NEW.version - 1
     ) THEN
       RAISE EXCEPTION 'a log entry must follow the session''s last one' USING ERRCODE = 'check_violation';
     END IF;
     RETURN NEW;
   END $$;
   CREATE TRIGGER session_log_in_order BEFORE INSERT ON session_log
     FOR EACH ROW EXECUTE FUNCTION session_log_follows();
   -- Append-only, as in SQLite; the retention purge will add its one exception with the record's tables.
   CREATE FUNCTION session_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     RAISE EXCEPTION 'the phase log is append-only';
   END $$;
   CREATE TRIGGER session_log_no_edit BEFORE UPDATE OR DELETE ON session_log
     FOR EACH ROW EXECUTE FUNCTION session_log_append_only();
   CREATE TRIGGER session_log_no_truncate BEFORE TRUNCATE ON session_log
     FOR EACH STATEMENT EXECUTE FUNCTION session_log_append_only();
   -- A group commit in one statement, so one round trip (./group-commit.ts): the entries in the
   -- order given, then each session's newest snapshot of the group, which must be newer than the
   -- one saved; anything refused rolls the whole group back.
   CREATE FUNCTION append_entries(entries jsonb, saves jsonb) RETURNS void LANGUAGE plpgsql AS $$
   DECLARE
     saved integer;
   BEGIN
     INSERT INTO session_log (session_id, version, at, actor_id, command_id, event)
       SELECT e.session_id, e.version, e.at, e.actor_id, e.command_id, e.event
         FROM jsonb_array_elements(entries) WITH ORDINALITY AS a (item, n),
              jsonb_to_record(a.item) AS e (session_id text, version integer, at bigint, actor_id text, command_id text, event text)
        ORDER BY a.n;
     UPDATE sessions s
        SET snapshot_version = v.version, status = v.status, snapshot = v.snapshot, machine_version = v.machine_version,
            started_at = v.started_at, ended_at = v.ended_at
       FROM jsonb_to_recordset(saves) AS v (id text, version integer, status text, snapshot text, machine_version text,
                                            started_at bigint, ended_at bigint)
      WHERE s.id = v.id AND s.snapshot_version < v.version;
     GET DIAGNOSTICS saved = ROW_COUNT;
     IF saved <> jsonb_array_length(saves) THEN
       RAISE EXCEPTION 'a session has no snapshot older than the one saved with its entry' USING ERRCODE = 'check_violation';
     END IF;
   END $$;`,
  // Step 2. The audit log (docs/privacy.md D1–D4, D20): append-only, the actor's name and the
  // address kept with each entry. Its `actor_name` is read from better-auth's "user" table at insert.
  `CREATE TABLE audit_log (
     seq bigserial PRIMARY KEY,
     at bigint NOT NULL,
     actor_id text NOT NULL,
     actor_name text,
     action text NOT NULL,
     subject_type text NOT NULL,
     subject_id text,
     detail text NOT NULL DEFAULT '{}',
     address text
   );
   CREATE INDEX audit_log_at ON audit_log (at);
   CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     RAISE EXCEPTION 'the audit log is append-only';
   END $$;
   CREATE TRIGGER audit_log_no_edit BEFORE UPDATE OR DELETE ON audit_log
     FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
   CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
     FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();`,
  // Step 3: groups, members, the purge's marks (issue 19, pg-groups). Step 4: accounts' tables
  // beside better-auth's (pg-accounts). Step 5: the review's record and member voice (pg-record).
  // Step 6. Which node may write a live session (server/cluster/ownership.ts, decision 013): each
  // node's row (its lock key for the advisory lock it holds for life, its epoch, its heartbeat by
  // this server's clock, its TTL and the address it takes handovers at) and each live session's owner.
  `CREATE SEQUENCE node_epochs;
   CREATE TABLE nodes (
     id text PRIMARY KEY,
     lock_key integer GENERATED ALWAYS AS IDENTITY UNIQUE,
     epoch bigint NOT NULL,
     url text NOT NULL,
     ttl_ms integer NOT NULL CHECK (ttl_ms > 0),
     heartbeat_at timestamptz NOT NULL
   );
   CREATE TABLE session_owner (
     session_id text PRIMARY KEY,
     node_id text NOT NULL REFERENCES nodes (id),
     epoch bigint NOT NULL,
     claimed_at timestamptz NOT NULL
   );
   CREATE INDEX session_owner_node ON session_owner (node_id, epoch);`,
];

/** Any constant both the migration and nothing else takes: `hashtext('holdspace.migrate')`. */
const MIGRATION_LOCK = `hashtext('holdspace.migrate')`;

/**
 * Brings the database up to date. Each step runs in a transaction of its own under a transaction
 * advisory lock, so nodes starting together take turns: the second finds the step done and moves
 * on. DDL is transactional, so a step is applied whole or not at all. A database from a newer
 * build is refused.
 */
export async function migrate(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    for (;;) {
      await client.query('BEGIN');
      try {
        await client.query(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`);
        await client.query(
          'CREATE TABLE IF NOT EXISTS schema_version (one boolean PRIMARY KEY DEFAULT true CHECK (one), version integer NOT NULL)',
        );
        const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_version');
        const version = rows[0]?.version ?? 0;
        if (version > STEPS.length)
          throw new Error(`the database is at schema version ${version}, newer than this build (${STEPS.length})`);
        if (version === STEPS.length) {
          await client.query('COMMIT');
          return;
        }
        await client.query(STEPS[version]!);
        await client.query('INSERT INTO schema_version (version) VALUES ($1) ON CONFLICT (one) DO UPDATE SET version = EXCLUDED.version', [
          version + 1,
        ]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    }
  } finally {
    client.release();
  }
}

/** How many steps this build has: a migrated database is at this version. */
export const SCHEMA_VERSION = STEPS.length;
