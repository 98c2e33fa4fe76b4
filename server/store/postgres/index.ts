import pg from 'pg';
import { migrate } from './migrations.js';

/**
 * A pool on the database at `url`, migrated. Small: the live path keeps one group commit out at a
 * time and reads beside it. An idle connection that breaks (the server restarted) is dropped by
 * the pool and the next query opens another; its error is not the caller's, so it is not thrown.
 */
export async function openPostgres(url: string, connections = 4): Promise<pg.Pool> {
  const pool = new pg.Pool({ connectionString: url, max: connections });
  pool.on('error', () => {});
  try {
    await migrate(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return pool;
}
