/** The PostgreSQL schema's steps for groups, accounts and the review's record, in the order ./schema.ts lists them. */

// Step 3. Groups and their members, in SQLite's final shape (its steps 1, 3, 11–13 folded), and
// the retention purge's marks (docs/privacy.md D8–D11): a session is marked, only once it ended,
// before its log may be deleted, and a marked session takes no entry again. An erased member
// stays erased, so a roster saved from a stale screen cannot bring the name back.
export const GROUPS = `CREATE TABLE groups (
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
     FOR EACH ROW EXECUTE FUNCTION session_log_not_purged();`;

// Step 4. Accounts' tables beside better-auth's (docs/security.md): server-wide settings as
// key → JSON, co-facilitator invites by the hash of their token (S15), locked screens by
// better-auth's sign-in session id (S18), and the TOTP codes used lately (S23; SQLite's guard
// makes that table itself, server/auth/auth-database.ts). An invite's group has no foreign key,
// as a session's has none here.
export const ACCOUNTS = `CREATE TABLE settings (
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
   );`;

// Step 5. The review's record and member voice, as SQLite's steps 4, 5, 10, 12 and 13 left them
// (docs/review.md, docs/ratings.md). Signatures, locks, note versions and addenda are
// append-only; the retention purge alone deletes them, for sessions it marked in
// `session_purges` (step 3) — named only inside the function, which resolves it when it runs.
// Where SQLite orders ties by its implicit rowid, `seq` stands in for it.
export const RECORD = `CREATE FUNCTION record_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
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
   );`;
