import type pg from 'pg';

/** A pool or one client of it: what a query can be sent on. */
export type Queryable = pg.Pool | pg.PoolClient;

/**
 * Runs `work` on one connection inside BEGIN … COMMIT, rolled back if it throws: the PostgreSQL
 * side of a write that must land whole, such as a change and its audit entry (docs/privacy.md D4).
 */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    // A connection that broke mid-transaction cannot roll back; the server has dropped it anyway.
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
