/**
 * The PostgreSQL schema's steps for processes sharing the database — ownership, the adapter's
 * table, the HTTP limits' counters, owned appends — in the order ./schema.ts lists them.
 */

// Step 6. Which node may write a live session (server/cluster/ownership.ts, decision 013): each
// node's row (its lock key for the advisory lock it holds for life, its epoch, its heartbeat by
// this server's clock, its TTL and the address it takes handovers at) and each live session's owner.
export const OWNERSHIP = `CREATE SEQUENCE node_epochs;
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
   CREATE INDEX session_owner_node ON session_owner (node_id, epoch);`;

// Step 7. The Socket.IO PostgreSQL adapter's table (server/peers/control.ts): a control message
// between processes too large for NOTIFY is kept here for the others to read; the adapter
// deletes old rows itself.
export const SOCKET_ADAPTER = `CREATE TABLE socket_io_attachments (
     id bigserial UNIQUE,
     created_at timestamptz DEFAULT now(),
     payload bytea
   );`;

// Step 8. The HTTP limits' counters, shared by every process (docs/security.md S57,
// ./rate-limit-store.ts): one fixed window per limiter and key, timed by this server's clock.
// The key is a keyed hash (it names an email or an address); a row whose window has passed is
// deleted by the store's sweep.
export const HTTP_LIMITS = `CREATE TABLE rate_limit_hits (
     key text PRIMARY KEY,
     hits integer NOT NULL CHECK (hits >= 0),
     reset_at timestamptz NOT NULL
   );
   CREATE INDEX rate_limit_hits_reset ON rate_limit_hits (reset_at);`;

// Step 9. A node appends only to sessions it still owns (decision 013, docs/protocol.md P58): each
// session's owner row is locked FOR SHARE for the transaction and must name this node's epoch.
// A claim updates that row, so it waits for an append already holding it and then reads the log
// with the entry in it; an append after a claim finds the row changed and is refused whole. So a
// frozen owner's append sent after it wakes cannot land under a new owner that read the log
// without it. Row locks, not advisory ones: they live in the tuples, not the shared lock table.
export const OWNED_APPENDS = `CREATE FUNCTION append_owned_entries(node text, node_epoch bigint, entries jsonb, saves jsonb) RETURNS void LANGUAGE plpgsql AS $$
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
   END $$;`;
