import { OWNED_APPENDS, HTTP_LIMITS, OWNERSHIP, SOCKET_ADAPTER } from './schema-cluster.js';
import { AUDIT, LIVE_PATH } from './schema-live.js';
import { ACCOUNTS, GROUPS, RECORD } from './schema-record.js';

/**
 * The steps of the PostgreSQL store's schema, run in order by ./migrations.ts and numbered like
 * SQLite's (../sqlite/migrations.ts); the `schema_version` row records how far a database has come.
 * Never edit a shipped step: add the next one. PostgreSQL starts from SQLite's final shape, so its
 * steps fold SQLite's history by area (the live path, audit, groups, accounts, the record,
 * ownership, the adapter's table, the HTTP limits' counters, owned appends), each step a constant
 * of the file for its area.
 *
 * Times are milliseconds since the epoch in `bigint` columns, and plan, seats, snapshot and event
 * stay JSON text as SQLite keeps them: read back to the byte, so a replay compares equal.
 */
export const STEPS: readonly string[] = [LIVE_PATH, AUDIT, GROUPS, ACCOUNTS, RECORD, OWNERSHIP, SOCKET_ADAPTER, HTTP_LIMITS, OWNED_APPENDS];
