import pg from 'pg';
import { STEPS } from './schema.js';

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

/**
 * Runs `work` under the migration lock, held by a connection of its own while `work` uses the
 * pool (even a pool of one): better-auth's migrations (server/auth/auth.ts), which look for what is
 * missing and then create it, so nodes starting together take turns and the second finds it made.
 * Ending the connection releases the lock, whatever `work` did.
 */
export async function underMigrationLock<T>(pool: pg.Pool, work: () => Promise<T>): Promise<T> {
  const holder = new pg.Client(pool.options);
  // A connection that breaks meanwhile fails `work` or the release; its event is not the caller's.
  holder.on('error', () => {});
  await holder.connect();
  try {
    await holder.query(`SELECT pg_advisory_lock(${MIGRATION_LOCK})`);
    return await work();
  } finally {
    await holder.end();
  }
}
