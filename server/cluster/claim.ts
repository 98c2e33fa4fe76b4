import type pg from 'pg';
import { expired } from './heartbeat.js';
import { NODE_LOCK_CLASS } from './node-lock.js';

/** The node that owns a session, and where it takes handover requests. */
export interface Owner {
  id: string;
  url: string;
}

/** This node's current registration. */
export interface Me {
  nodeId: string;
  epoch: number;
}

/**
 * Takes a session's owner row in one statement. `me` must still be this node's current epoch with
 * a heartbeat the database finds fresh — a node that was superseded or went stale claims nothing.
 * The row is taken when there is none, when it is already ours, or when its owner is gone:
 *   - its epoch is not the one the row was claimed under (it fenced itself and re-registered, or
 *     restarted), or it has no row;
 *   - its heartbeat is older than its TTL (it is frozen or cut off, and has fenced itself by now);
 *   - its advisory lock is held by no one (its process or its connection is gone). Read from
 *     `pg_locks` rather than tried: a claimer trying the lock would hold it for an instant, and a
 *     second claimer looking at that instant would take the dead node for alive.
 * A row already ours is decided first (CASE fixes the order), without a look at the lock table.
 * Two claims at once: INSERT … ON CONFLICT locks the row and re-reads the condition on its newest
 * version, so the second finds the first's claim, held by a live node, and takes nothing.
 */
const CLAIM = `
WITH me AS (
  SELECT n.id, n.epoch FROM nodes n WHERE n.id = $2 AND n.epoch = $3 AND NOT (${expired('n')})
), taken AS (
  INSERT INTO session_owner AS o (session_id, node_id, epoch, claimed_at)
  SELECT $1, me.id, me.epoch, clock_timestamp() FROM me
  ON CONFLICT (session_id) DO UPDATE SET node_id = EXCLUDED.node_id, epoch = EXCLUDED.epoch, claimed_at = EXCLUDED.claimed_at
   WHERE CASE WHEN o.node_id = EXCLUDED.node_id AND o.epoch = EXCLUDED.epoch THEN true
         ELSE NOT EXISTS (
           SELECT 1 FROM nodes n
            WHERE n.id = o.node_id AND n.epoch = o.epoch AND NOT (${expired('n')})
              AND EXISTS (
                SELECT 1 FROM pg_locks l
                 WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
                   AND l.classid = ${NODE_LOCK_CLASS}::oid AND l.objid = n.lock_key::oid))
         END
  RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM me) AS serving, EXISTS (SELECT 1 FROM taken) AS won`;

export type ClaimOutcome = { kind: 'won' } | { kind: 'held'; owner: Owner } | { kind: 'free' } | { kind: 'superseded' };

/**
 * One attempt at a session: won; held by a live owner (named); `free` when the row went away
 * between the claim and the look at its owner (released meanwhile: try again); `superseded` when
 * the database no longer counts `me` as a live registration.
 */
export async function claimRow(pool: pg.Pool, sessionId: string, me: Me): Promise<ClaimOutcome> {
  const { rows } = await pool.query<{ serving: boolean; won: boolean }>(CLAIM, [sessionId, me.nodeId, me.epoch]);
  const { serving, won } = rows[0]!;
  if (!serving) return { kind: 'superseded' };
  if (won) return { kind: 'won' };
  // A statement of its own: the CTE's snapshot would not show a row another claim committed meanwhile.
  const owner = await pool.query<Owner>(
    'SELECT n.id, n.url FROM session_owner o JOIN nodes n ON n.id = o.node_id WHERE o.session_id = $1',
    [sessionId],
  );
  const row = owner.rows[0];
  return row ? { kind: 'held', owner: row } : { kind: 'free' };
}

/** Gives up one session, if it is still ours under this epoch. */
export async function releaseRow(pool: pg.Pool, sessionId: string, me: Me): Promise<void> {
  await pool.query('DELETE FROM session_owner WHERE session_id = $1 AND node_id = $2 AND epoch = $3', [sessionId, me.nodeId, me.epoch]);
}

/** Gives up every session this epoch holds (a drain). */
export async function releaseRows(pool: pg.Pool, me: Me): Promise<void> {
  await pool.query('DELETE FROM session_owner WHERE node_id = $1 AND epoch = $2', [me.nodeId, me.epoch]);
}
