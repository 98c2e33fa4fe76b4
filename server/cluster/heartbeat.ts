import type pg from 'pg';

/** Why a node stopped acknowledging: its deadline passed, the database refused its renewal, or its connection failed. */
export type FenceReason = 'stale' | 'refused' | 'lost';

/**
 * The `nodes` row `alias` has a heartbeat older than its own TTL, by the database's clock: the same
 * test for the node renewing and for a node taking its sessions, so neither reads a node's clock.
 */
export const expired = (alias: string) => `${alias}.heartbeat_at <= clock_timestamp() - ${alias}.ttl_ms * interval '1 millisecond'`;

/**
 * Starts a new epoch for a node that holds its lock: a number no earlier registration of any node
 * had, so rows claimed under an earlier one are takeable at once. The heartbeat is stamped by the
 * database's clock, the only clock ownership is judged by.
 */
export async function startEpoch(client: pg.Client, nodeId: string, url: string, ttlMs: number): Promise<number> {
  const { rows } = await client.query<{ epoch: string }>(
    `UPDATE nodes SET epoch = nextval('node_epochs'), url = $2, ttl_ms = $3, heartbeat_at = clock_timestamp()
      WHERE id = $1 RETURNING epoch::text`,
    [nodeId, url, ttlMs],
  );
  return Number(rows[0]!.epoch);
}

/**
 * Renews the heartbeat, on the lock's own connection, so a renewal that succeeds also proves the
 * lock is still held. Refused (false) when the epoch moved on or the heartbeat had already expired:
 * another node may have taken this one's sessions, and the heartbeat must not bring it back.
 */
async function renew(client: pg.Client, nodeId: string, epoch: number): Promise<boolean> {
  const { rowCount } = await client.query(
    `UPDATE nodes n SET heartbeat_at = clock_timestamp() WHERE id = $1 AND epoch = $2 AND NOT (${expired('n')})`,
    [nodeId, epoch],
  );
  return rowCount === 1;
}

export interface BeatOptions {
  client: pg.Client;
  nodeId: string;
  epoch: number;
  intervalMs: number;
  /** How long after the last renewal was sent the node may still acknowledge (TTL − margin). */
  deadlineMs: number;
  /** The monotonic clock (ms). */
  now: () => number;
  /** When the statement that started the epoch was sent, by `now`. */
  startedAt: number;
  /** Called at most once: the node must stop acknowledging. */
  onFence: (reason: FenceReason) => void;
}

export interface Beating {
  /** True while the last renewal was sent less than the deadline ago, by the monotonic clock. */
  fresh(): boolean;
  stop(): void;
}

/**
 * Renews the heartbeat every `intervalMs`, one renewal at a time, and fences the node when the
 * deadline passes without one. A renewal counts from when it was SENT, not answered: the database
 * stamped it no earlier than that, so the node's deadline falls before any other node's reading of
 * the stamp can expire it. The deadline is watched by a timer and checked again at every step,
 * because after a freeze (SIGSTOP, a long pause) the timers and the answers come due in any order.
 */
export function beat(options: BeatOptions): Beating {
  const { now, deadlineMs } = options;
  let renewedAt = options.startedAt;
  let stopped = false;
  let tick: NodeJS.Timeout | undefined;
  let deadline: NodeJS.Timeout | undefined;
  const fresh = () => now() - renewedAt < deadlineMs;
  const fence = (reason: FenceReason) => {
    if (stopped) return;
    stop();
    options.onFence(reason);
  };
  const watch = () => {
    clearTimeout(deadline);
    // Checked against the clock when it fires: a timer may run a little early, or by another clock.
    deadline = setTimeout(() => (fresh() ? watch() : fence('stale')), Math.max(1, renewedAt + deadlineMs - now()));
    deadline.unref();
  };
  const next = (sentAt: number) => {
    tick = setTimeout(() => void renewal(), Math.max(0, sentAt + options.intervalMs - now()));
    tick.unref();
  };
  const renewal = async () => {
    if (stopped) return;
    if (!fresh()) return fence('stale');
    const sentAt = now();
    let renewed: boolean;
    try {
      renewed = await renew(options.client, options.nodeId, options.epoch);
    } catch {
      return fence('lost');
    }
    if (stopped) return;
    if (!fresh()) return fence('stale');
    if (!renewed) return fence('refused');
    renewedAt = sentAt;
    watch();
    next(sentAt);
  };
  function stop() {
    stopped = true;
    clearTimeout(tick);
    clearTimeout(deadline);
  }
  watch();
  next(renewedAt);
  return { fresh: () => !stopped && fresh(), stop };
}
