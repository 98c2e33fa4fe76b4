import { freshDatabase } from '../test/support/postgres.js';
import { measureLogRate } from './cluster/log-rate.js';

/**
 * Grouped log entries per second through the PostgreSQL live store, alone (bench/cluster/log-rate.ts
 * says how; `npm run bench`'s cluster part runs the same measurement). The server is the one of
 * HOLDSPACE_TEST_DATABASE_URL, or a throwaway one on 127.0.0.1 with fsync and synchronous_commit
 * on (test/support/postgres.ts). Bounded by PG_LOG_SECONDS.
 *
 *   PG_LOG_SESSIONS=1000 PG_LOG_SECONDS=10 npx tsx bench/pg-log.ts
 */
const database = await freshDatabase();
try {
  const rate = await measureLogRate(database.url, Number(process.env.PG_LOG_SESSIONS ?? 1000), Number(process.env.PG_LOG_SECONDS ?? 10));
  const server = process.env.HOLDSPACE_TEST_DATABASE_URL ? 'HOLDSPACE_TEST_DATABASE_URL' : 'throwaway, fsync on';
  console.log(JSON.stringify({ ...rate, server }, null, 2));
} finally {
  await database.drop();
}
