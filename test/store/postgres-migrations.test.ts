import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres } from '../../server/store/postgres/index.js';
import { SCHEMA_VERSION } from '../../server/store/postgres/migrations.js';
import { freshDatabase, type TestDatabase } from '../support/postgres.js';

/** The PostgreSQL store's migrations (server/store/postgres/migrations.ts) on a real server. */
describe('PostgreSQL migrations', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await freshDatabase();
  }, 120_000);
  afterAll(() => database?.drop());

  it('nodes starting together on an empty database take turns under the advisory lock: each step runs once', async () => {
    const pools = await Promise.all([1, 2, 3].map(() => openPostgres(database.url, 2)));
    try {
      const { rows } = await pools[0]!.query<{ version: number }>('SELECT version FROM schema_version');
      expect(rows).toEqual([{ version: SCHEMA_VERSION }]);
      const tables = await pools[1]!.query<{ name: string }>(
        "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1",
      );
      // Each step's tables once (a step run twice would have failed on its CREATE TABLE).
      expect(tables.rows.map((r) => r.name)).toEqual(
        expect.arrayContaining([
          ...['audit_log', 'schema_version', 'session_log', 'sessions', 'groups', 'group_members', 'session_purges'],
          ...['invites', 'screen_locks', 'settings', 'totp_codes_used', 'nodes', 'session_owner', 'socket_io_attachments'],
          ...['review_locks', 'review_signatures', 'review_addenda', 'group_reviewers', 'review_reads'],
          ...['progress_note_versions', 'progress_note_addenda', 'session_rating_items', 'rating_windows', 'ratings'],
        ]),
      );
    } finally {
      await Promise.all(pools.map((pool) => pool.end()));
    }
  });

  it('a database a newer build migrated is refused, not written to', async () => {
    const pool = await openPostgres(database.url, 1);
    await pool.query('UPDATE schema_version SET version = $1', [SCHEMA_VERSION + 1]);
    await pool.end();
    await expect(openPostgres(database.url, 1)).rejects.toThrow(/newer than this build/);
  });
});
