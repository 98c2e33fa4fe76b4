import pg from 'pg';

/**
 * The first key of every node's advisory lock (the two-key form; the second key is the node's
 * `nodes.lock_key`). A constant nothing else takes: the migration lock uses the one-key form, which
 * PostgreSQL keeps apart.
 */
export const NODE_LOCK_CLASS = 1215261796;

/** The node's own connection, holding its advisory lock for as long as it lives. */
export interface NodeLock {
  client: pg.Client;
  lockKey: number;
  /** True once the connection has ended or failed (also when that happened before the caller looked). */
  lost(): boolean;
}

export interface NodeLockOptions {
  /** Where to connect: the pool's own settings, so the lock lives on the same server. */
  connection: pg.ClientConfig;
  nodeId: string;
  /** Called once when the connection ends or fails: the lock is gone with it. */
  onLost: () => void;
  /** How long to wait before trying again while the lock is held elsewhere. */
  retryMs: number;
  /** How long a connect or a query may take. */
  timeoutMs: number;
  /** False once the caller gave up (closed): stop waiting for the lock. */
  wanted: () => boolean;
}

/**
 * Opens a dedicated `pg.Client` (never a pool's, which could be lent to other work and would keep
 * the lock after being handed back) and takes the node's lock on it. The lock is released only by
 * that connection ending, so it says "this node's process is alive and reaches the database": a
 * killed process closes its socket and the server frees the lock at once (docs/decisions/013).
 * One lock per node, not per session: the shared lock table would run out.
 *
 * While the lock is still held — by this node's previous connection not yet ended, or a stray
 * process with the same id — this waits and tries again (`pg_try_advisory_lock`, so closing can
 * interrupt it) rather than blocking the connection.
 */
export async function holdNodeLock(options: NodeLockOptions): Promise<NodeLock> {
  const client = new pg.Client({
    ...options.connection,
    application_name: `holdspace-node:${options.nodeId}`,
    keepAlive: true,
    // Cut off from the server, a connect or a query could wait for minutes: give up instead and
    // try again, or the node could never register again after a partition heals.
    connectionTimeoutMillis: options.timeoutMs,
    query_timeout: options.timeoutMs,
  });
  let lost = false;
  const lose = () => {
    if (lost) return;
    lost = true;
    options.onLost();
  };
  // A lost connection is reported to the owner, not thrown: the error event of an idle client has no caller.
  client.on('error', lose);
  client.on('end', lose);
  try {
    await client.connect();
    // The row's identity column gives each node id its lock key once and for ever.
    await client.query(
      `INSERT INTO nodes (id, epoch, url, ttl_ms, heartbeat_at) VALUES ($1, 0, '', 1, '-infinity') ON CONFLICT (id) DO NOTHING`,
      [options.nodeId],
    );
    const { rows } = await client.query<{ lock_key: number }>('SELECT lock_key FROM nodes WHERE id = $1', [options.nodeId]);
    const lockKey = rows[0]!.lock_key;
    for (;;) {
      if (lost || !options.wanted()) throw new Error('the node lock was given up before it was taken');
      const got = await client.query<{ got: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS got', [NODE_LOCK_CLASS, lockKey]);
      if (got.rows[0]!.got) return { client, lockKey, lost: () => lost };
      await new Promise((resolve) => setTimeout(resolve, options.retryMs));
    }
  } catch (error) {
    dropConnection(client);
    throw error;
  }
}

/** Ends a node's connection without waiting on it (it may hang on a dead network); its lock goes with it. */
export function dropConnection(client: pg.Client): void {
  client.removeAllListeners('end');
  client.removeAllListeners('error');
  client.on('error', () => {});
  client.end().catch(() => {});
}
