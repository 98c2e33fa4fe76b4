/** The PostgreSQL schema's steps for the live path and the audit log, in the order ./schema.ts lists them. */

// Step 1. The live path (decision 013): sessions, the phase log with its two keys (the fence, so a
// second writer's entry fails instead of forking the log), the no-gap and append-only triggers, and
// the group commit's function.
export const LIVE_PATH = `CREATE TABLE sessions (
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
   END $$;`;

// Step 2. The audit log (docs/privacy.md D1–D4, D20): append-only, the actor's name and the
// address kept with each entry. Its `actor_name` is read from better-auth's "user" table at insert.
export const AUDIT = `CREATE TABLE audit_log (
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
     FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();`;
