import { createHmac } from 'node:crypto';
import type { ClientRateLimitInfo, Options, Store } from 'express-rate-limit';
import type pg from 'pg';

/** How often rows whose window has passed are deleted. */
const SWEEP_MS = 60_000;

/**
 * The HTTP limits' counters in PostgreSQL, shared by every process on it (docs/security.md S57):
 * what one process counts, every other sees, so guesses spread over the processes add up.
 */
export interface PostgresCounters {
  /** A store for one limiter (express-rate-limit refuses one store in two limiters). */
  storeFor(prefix: string): Store;
  /** Deletes every row whose window has passed; resolves with how many went. */
  sweep(): Promise<number>;
  /** Stops the sweep's timer (the pool is the caller's to end). */
  stop(): void;
}

/**
 * Counters over `pool`, keyed by an HMAC of limiter and key under a key derived from `secret`
 * (every process has the same, BETTER_AUTH_SECRET): the table holds no email or address, and
 * unlike a plain hash, an address cannot be found again by hashing all four billion. Rows are
 * swept at once and every minute, so an idle key is gone within a minute of its window.
 */
export function postgresCounters(pool: pg.Pool, secret: string, sweepMs = SWEEP_MS): PostgresCounters {
  const hashKey = createHmac('sha256', secret).update('holdspace rate-limit keys').digest();
  const hashOf = (prefixed: string) => createHmac('sha256', hashKey).update(prefixed).digest('hex');
  const sweep = async () => (await pool.query('DELETE FROM rate_limit_hits WHERE reset_at <= now()')).rowCount ?? 0;
  // A sweep that fails (PostgreSQL away) is tried again at the next tick; expired rows count for nothing meanwhile.
  const sweepQuietly = () => void sweep().catch(() => {});
  const timer = setInterval(sweepQuietly, sweepMs).unref();
  sweepQuietly();
  return {
    storeFor: (prefix) => new PostgresRateLimitStore(pool, prefix, hashOf),
    sweep,
    stop: () => clearInterval(timer),
  };
}

interface Row {
  hits: number;
  reset_at: Date;
}

/**
 * One limiter's fixed windows. Each call is one statement, timed by PostgreSQL's clock (`now()`),
 * so processes whose clocks disagree still agree on when a window ends.
 */
class PostgresRateLimitStore implements Store {
  readonly localKeys = false;
  private windowMs = 60_000;

  constructor(
    private readonly pool: pg.Pool,
    readonly prefix: string,
    private readonly hashOf: (prefixed: string) => string,
  ) {}

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    // A window that has passed starts again at 1; otherwise one more hit in the same window.
    const { rows } = await this.pool.query<Row>(
      `INSERT INTO rate_limit_hits AS h (key, hits, reset_at)
         VALUES ($1, 1, now() + $2 * interval '1 millisecond')
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN h.reset_at <= now() THEN 1 ELSE h.hits + 1 END,
         reset_at = CASE WHEN h.reset_at <= now() THEN EXCLUDED.reset_at ELSE h.reset_at END
       RETURNING hits, reset_at`,
      [this.hashed(key), this.windowMs],
    );
    return info(rows[0]!);
  }

  async decrement(key: string): Promise<void> {
    await this.pool.query('UPDATE rate_limit_hits SET hits = hits - 1 WHERE key = $1 AND hits > 0 AND reset_at > now()', [
      this.hashed(key),
    ]);
  }

  async resetKey(key: string): Promise<void> {
    await this.pool.query('DELETE FROM rate_limit_hits WHERE key = $1', [this.hashed(key)]);
  }

  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    const { rows } = await this.pool.query<Row>('SELECT hits, reset_at FROM rate_limit_hits WHERE key = $1 AND reset_at > now()', [
      this.hashed(key),
    ]);
    return rows[0] ? info(rows[0]) : undefined;
  }

  private hashed(key: string): string {
    return this.hashOf(`${this.prefix}\u0000${key}`);
  }
}

const info = (row: Row): ClientRateLimitInfo => ({ totalHits: row.hits, resetTime: row.reset_at });
