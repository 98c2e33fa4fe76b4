/**
 * The steps of the PostgreSQL store's schema, run in order by ./migrations.ts and numbered like
 * SQLite's (../sqlite/migrations.ts); the `schema_version` row records how far a database has come.
 * Never edit a shipped step: add the next one. PostgreSQL starts from SQLite's final shape, so its
 * steps fold SQLite's history by area (the live path, audit, groups, accounts, the record,
 * ownership, the adapter's table, the HTTP limits' counters).
 *
 * Times are milliseconds since the epoch in `bigint` columns, and plan, seats, snapshot and event
 * stay JSON text as SQLite keeps them: read back to the byte, so a replay compares equal.
 */
export const STEPS: readonly string[] = [
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
  // Step 3. Groups and their members, in SQLite's final shape (its steps 1, 3, 11–13 folded), and
  // the retention purge's marks (docs/privacy.md D8–D11): a session is marked, only once it ended,
  // before its log may be deleted, and a marked session takes no entry again. An erased member
  // stays erased, so a roster saved from a stale screen cannot bring the name back.
  `CREATE TABLE groups (
     id text PRIMARY KEY,
     name text NOT NULL,
     focus text,
     billing_code text NOT NULL DEFAULT '90853',
     agreements text NOT NULL DEFAULT '',
     lead_id text NOT NULL,
     co_id text,
     created_at bigint NOT NULL,
     substance_use boolean NOT NULL DEFAULT false,
     safety_steps text NOT NULL DEFAULT '',
     trend_settings text,
     rating_items text
   );
   -- A home page lists the groups a user leads or co-leads.
   CREATE INDEX groups_lead ON groups (lead_id);
   CREATE INDEX groups_co ON groups (co_id) WHERE co_id IS NOT NULL;
   ALTER TABLE sessions ADD FOREIGN KEY (group_id) REFERENCES groups (id);
   -- A home page lists the sessions a user leads or co-leads, newest first.
   CREATE INDEX sessions_lead ON sessions (lead_id, created_at);
   CREATE INDEX sessions_co ON sessions (co_id, created_at) WHERE co_id IS NOT NULL;
   CREATE TABLE group_members (
     id text PRIMARY KEY,
     group_id text NOT NULL REFERENCES groups (id),
     name text NOT NULL,
     seat integer,            -- null once removed from the roster
     erased_at bigint,
     UNIQUE (group_id, seat)
   );
   -- Unseating everyone (a roster save) still works; renaming or re-seating an erased row does not.
   CREATE FUNCTION group_members_stay_erased() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     IF OLD.erased_at IS NOT NULL AND (NEW.name IS DISTINCT FROM OLD.name OR NEW.seat IS NOT NULL
                                       OR NEW.erased_at IS DISTINCT FROM OLD.erased_at) THEN
       RAISE EXCEPTION 'an erased member stays erased' USING ERRCODE = 'check_violation';
     END IF;
     RETURN NEW;
   END $$;
   CREATE TRIGGER group_members_erased BEFORE UPDATE ON group_members
     FOR EACH ROW EXECUTE FUNCTION group_members_stay_erased();
   -- A marker per purged session, itself permanent and only possible once the session ended.
   CREATE TABLE session_purges (session_id text PRIMARY KEY, purged_at bigint NOT NULL);
   CREATE FUNCTION session_purges_ended_only() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     IF (SELECT status FROM sessions WHERE id = NEW.session_id) IS DISTINCT FROM 'ended' THEN
       RAISE EXCEPTION 'only an ended session can be purged' USING ERRCODE = 'check_violation';
     END IF;
     RETURN NEW;
   END $$;
   CREATE TRIGGER session_purges_ended BEFORE INSERT ON session_purges
     FOR EACH ROW EXECUTE FUNCTION session_purges_ended_only();
   CREATE FUNCTION session_purges_permanent() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     RAISE EXCEPTION 'purge markers are permanent';
   END $$;
   CREATE TRIGGER session_purges_no_edit BEFORE UPDATE OR DELETE ON session_purges
     FOR EACH ROW EXECUTE FUNCTION session_purges_permanent();
   CREATE TRIGGER session_purges_no_truncate BEFORE TRUNCATE ON session_purges
     FOR EACH STATEMENT EXECUTE FUNCTION session_purges_permanent();
   -- The phase log still refuses every edit, truncate and delete, except deleting a purged
   -- session's rows (step 1's triggers call this function).
   CREATE OR REPLACE FUNCTION session_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     IF TG_OP = 'DELETE' THEN
       IF EXISTS (SELECT 1 FROM session_purges WHERE session_id = OLD.session_id) THEN
         RETURN OLD;
       END IF;
     END IF;
     RAISE EXCEPTION 'the phase log is append-only';
   END $$;
   CREATE FUNCTION session_log_not_purged() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     IF EXISTS (SELECT 1 FROM session_purges WHERE session_id = NEW.session_id) THEN
       RAISE EXCEPTION 'this session was purged' USING ERRCODE = 'check_violation';
     END IF;
     RETURN NEW;
   END $$;
   CREATE TRIGGER session_log_purged BEFORE INSERT ON session_log
     FOR EACH ROW EXECUTE FUNCTION session_log_not_purged();`,
  // Step 4. Accounts' tables beside better-auth's (docs/security.md): server-wide settings as
  // key → JSON, co-facilitator invites by the hash of their token (S15), locked screens by
  // better-auth's sign-in session id (S18), and the TOTP codes used lately (S23; SQLite's guard
  // makes that table itself, server/auth/auth-database.ts). An invite's group has no foreign key,
  // as a session's has none here.
  `CREATE TABLE settings (
     key text PRIMARY KEY,
     value text NOT NULL
   );
   CREATE TABLE invites (
     token_hash text PRIMARY KEY,
     group_id text NOT NULL REFERENCES groups (id),
     created_by text NOT NULL,
     created_at bigint NOT NULL,
     expires_at bigint NOT NULL,
     used_at bigint,
     used_by text
   );
   CREATE TABLE screen_locks (
     sign_in_id text PRIMARY KEY,
     locked_at bigint NOT NULL
   );
   CREATE TABLE totp_codes_used (
     user_id text NOT NULL,
     code text NOT NULL,
     used_at bigint NOT NULL,
     PRIMARY KEY (user_id, code)
   );`,
  // Step 5. The review's record and member voice, as SQLite's steps 4, 5, 10, 12 and 13 left them
  // (docs/review.md, docs/ratings.md). Signatures, locks, note versions and addenda are
  // append-only; the retention purge alone deletes them, for sessions it marked in
  // `session_purges` (step 3) — named only inside the function, which resolves it when it runs.
  // Where SQLite orders ties by its implicit rowid, `seq` stands in for it.
  `CREATE FUNCTION record_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     IF TG_OP = 'DELETE' THEN
       IF EXISTS (SELECT 1 FROM session_purges WHERE session_id = OLD.session_id) THEN
         RETURN OLD;
       END IF;
     END IF;
     RAISE EXCEPTION '%', TG_ARGV[0];
   END $$;
   CREATE TABLE review_locks (
     session_id text PRIMARY KEY REFERENCES sessions (id),
     locked_at bigint NOT NULL,
     log_version integer NOT NULL,
     log_digest text NOT NULL
   );
   CREATE TABLE review_signatures (
     session_id text NOT NULL REFERENCES sessions (id),
     user_id text NOT NULL,
     role text NOT NULL CHECK (role IN ('lead', 'co')),
     signed_at bigint NOT NULL,
     PRIMARY KEY (session_id, user_id)
   );
   CREATE TABLE review_addenda (
     id text PRIMARY KEY,
     seq bigint GENERATED ALWAYS AS IDENTITY,
     session_id text NOT NULL REFERENCES sessions (id),
     author_id text NOT NULL,
     at bigint NOT NULL,
     text text NOT NULL
   );
   CREATE INDEX review_addenda_session ON review_addenda (session_id, at);
   CREATE TABLE group_reviewers (
     group_id text NOT NULL REFERENCES groups (id),
     user_id text NOT NULL,
     granted_by text NOT NULL,
     granted_at bigint NOT NULL,
     PRIMARY KEY (group_id, user_id)
   );
   CREATE INDEX group_reviewers_user ON group_reviewers (user_id);
   CREATE TABLE review_reads (
     session_id text NOT NULL REFERENCES sessions (id),
     user_id text NOT NULL,
     read_at bigint NOT NULL,
     PRIMARY KEY (session_id, user_id)
   );
   CREATE TABLE progress_note_versions (
     session_id text NOT NULL REFERENCES sessions (id),
     member_id text NOT NULL,
     version integer NOT NULL,
     fields text NOT NULL,
     author_id text NOT NULL,
     saved_at bigint NOT NULL,
     PRIMARY KEY (session_id, member_id, version)
   );
   CREATE TABLE progress_note_addenda (
     id text PRIMARY KEY,
     seq bigint GENERATED ALWAYS AS IDENTITY,
     session_id text NOT NULL REFERENCES sessions (id),
     member_id text NOT NULL,
     author_id text NOT NULL,
     at bigint NOT NULL,
     text text NOT NULL
   );
   CREATE INDEX progress_note_addenda_session ON progress_note_addenda (session_id, member_id, at);
   -- Once the review is signed a note takes addenda only. The session's row lock orders this check
   -- after a signature being written (it holds the row FOR UPDATE: ./reviews.ts), and each
   -- statement here sees what committed before it: a save racing the first signature waits, then
   -- finds the lock.
   CREATE FUNCTION progress_note_unsigned() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     PERFORM 1 FROM sessions WHERE id = NEW.session_id FOR KEY SHARE;
     IF EXISTS (SELECT 1 FROM review_locks WHERE session_id = NEW.session_id) THEN
       RAISE EXCEPTION 'a signed note takes addenda only' USING ERRCODE = 'check_violation';
     END IF;
     RETURN NEW;
   END $$;
   CREATE TRIGGER progress_note_versions_signed BEFORE INSERT ON progress_note_versions
     FOR EACH ROW EXECUTE FUNCTION progress_note_unsigned();
   CREATE TRIGGER review_locks_kept BEFORE UPDATE OR DELETE ON review_locks
     FOR EACH ROW EXECUTE FUNCTION record_append_only('a signed review stays locked');
   CREATE TRIGGER review_signatures_kept BEFORE UPDATE OR DELETE ON review_signatures
     FOR EACH ROW EXECUTE FUNCTION record_append_only('signatures are permanent');
   CREATE TRIGGER review_addenda_kept BEFORE UPDATE OR DELETE ON review_addenda
     FOR EACH ROW EXECUTE FUNCTION record_append_only('addenda are append-only');
   CREATE TRIGGER progress_note_versions_kept BEFORE UPDATE OR DELETE ON progress_note_versions
     FOR EACH ROW EXECUTE FUNCTION record_append_only('note versions are append-only');
   CREATE TRIGGER progress_note_addenda_kept BEFORE UPDATE OR DELETE ON progress_note_addenda
     FOR EACH ROW EXECUTE FUNCTION record_append_only('addenda are append-only');
   -- TRUNCATE skips row triggers: refused outright, as the phase log's is.
   CREATE TRIGGER review_locks_no_truncate BEFORE TRUNCATE ON review_locks
     FOR EACH STATEMENT EXECUTE FUNCTION record_append_only('a signed review stays locked');
   CREATE TRIGGER review_signatures_no_truncate BEFORE TRUNCATE ON review_signatures
     FOR EACH STATEMENT EXECUTE FUNCTION record_append_only('signatures are permanent');
   CREATE TRIGGER review_addenda_no_truncate BEFORE TRUNCATE ON review_addenda
     FOR EACH STATEMENT EXECUTE FUNCTION record_append_only('addenda are append-only');
   CREATE TRIGGER progress_note_versions_no_truncate BEFORE TRUNCATE ON progress_note_versions
     FOR EACH STATEMENT EXECUTE FUNCTION record_append_only('note versions are append-only');
   CREATE TRIGGER progress_note_addenda_no_truncate BEFORE TRUNCATE ON progress_note_addenda
     FOR EACH STATEMENT EXECUTE FUNCTION record_append_only('addenda are append-only');
   CREATE TABLE session_rating_items (
     session_id text PRIMARY KEY REFERENCES sessions (id),
     items text NOT NULL
   );
   CREATE TABLE rating_windows (
     id text PRIMARY KEY,
     seq bigint GENERATED ALWAYS AS IDENTITY,
     session_id text NOT NULL REFERENCES sessions (id),
     opened_by text NOT NULL,
     opened_at bigint NOT NULL,
     closed_at bigint,
     closed_by text
   );
   CREATE INDEX rating_windows_by_session ON rating_windows (session_id, opened_at);
   -- One open link per session, whoever presses and on whichever process (docs/ratings.md).
   CREATE UNIQUE INDEX rating_windows_open ON rating_windows (session_id) WHERE closed_at IS NULL;
   CREATE TABLE ratings (
     session_id text NOT NULL REFERENCES sessions (id),
     member_id text NOT NULL,
     scores text NOT NULL,
     comment text NOT NULL,
     submitted_at bigint NOT NULL,
     submissions integer NOT NULL,
     via text NOT NULL CHECK (via IN ('phone', 'screen')),
     PRIMARY KEY (session_id, member_id)
   );`,
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
  // Step 7. The Socket.IO PostgreSQL adapter's table (server/peers/control.ts): a control message
  // between processes too large for NOTIFY is kept here for the others to read; the adapter
  // deletes old rows itself.
  `CREATE TABLE socket_io_attachments (
     id bigserial UNIQUE,
     created_at timestamptz DEFAULT now(),
     payload bytea
   );`,
  // Step 8. The HTTP limits' counters, shared by every process (docs/security.md S57,
  // ./rate-limit-store.ts): one fixed window per limiter and key, timed by this server's clock.
  // The key is a keyed hash (it names an email or an address); a row whose window has passed is
  // deleted by the store's sweep.
  `CREATE TABLE rate_limit_hits (
     key text PRIMARY KEY,
     hits integer NOT NULL CHECK (hits >= 0),
     reset_at timestamptz NOT NULL
   );
   CREATE INDEX rate_limit_hits_reset ON rate_limit_hits (reset_at);`,
  // Step 9. A node appends only to sessions it still owns (decision 013, docs/protocol.md P58): each
  // session's owner row is locked FOR SHARE for the transaction and must name this node's epoch.
  // A claim updates that row, so it waits for an append already holding it and then reads the log
  // with the entry in it; an append after a claim finds the row changed and is refused whole. So a
  // frozen owner's append sent after it wakes cannot land under a new owner that read the log
  // without it. Row locks, not advisory ones: they live in the tuples, not the shared lock table.
  `CREATE FUNCTION append_owned_entries(node text, node_epoch bigint, entries jsonb, saves jsonb) RETURNS void LANGUAGE plpgsql AS $$
   DECLARE
     wanted text[];
     held integer;
   BEGIN
     SELECT array_agg(DISTINCT e.item ->> 'session_id') INTO wanted FROM jsonb_array_elements(entries) AS e (item);
     SELECT count(*) INTO held FROM (
       SELECT 1 FROM session_owner o
        WHERE o.session_id = ANY (wanted) AND o.node_id = node AND o.epoch = node_epoch
          FOR SHARE
     ) AS mine;
     IF held <> cardinality(wanted) THEN
       RAISE EXCEPTION 'this node no longer owns a session it appends to' USING ERRCODE = 'check_violation';
     END IF;
     PERFORM append_entries(entries, saves);
   END $$;`,
];
