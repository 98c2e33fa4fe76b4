import type { Options } from 'express-rate-limit';
import type pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres } from '../../server/store/postgres/index.js';
import { postgresCounters, type PostgresCounters } from '../../server/store/postgres/rate-limit-store.js';
import { freshDatabase, type TestDatabase } from '../support/postgres.js';

/**
 * The HTTP limits' counters in PostgreSQL (server/store/postgres/rate-limit-store.ts) on a real
 * server: two pools, each with counters of its own, stand for two processes.
 */
const SECRET = 'test-secret-that-is-long-enough-for-better-auth';
const WINDOW_MS = 300;
const EMAIL = 'account:someone@example.org';
const ADDRESS = 'ip:203.0.113.7';

describe('rate-limit counters in PostgreSQL', () => {
  let database: TestDatabase;
  let pools: pg.Pool[];
  const made: PostgresCounters[] = [];
  beforeAll(async () => {
    database = await freshDatabase();
    pools = [await openPostgres(database.url, 2), await openPostgres(database.url, 2)];
  });
  afterEach(async () => {
    for (const counters of made.splice(0)) counters.stop();
    await pools[0]!.query('DELETE FROM rate_limit_hits');
  });
  afterAll(async () => {
    await Promise.all((pools ?? []).map((pool) => pool.end()));
    await database?.drop();
  });

  /** A limiter's store on process `on`, initialised as express-rate-limit does. */
  function storeOn(on: number, prefix = 'sign-in.account', windowMs = WINDOW_MS, secret = SECRET) {
    const counters = postgresCounters(pools[on]!, secret);
    made.push(counters);
    const store = counters.storeFor(prefix);
    void store.init!({ windowMs } as Options);
    return { counters, store };
  }
  const rows = async () => (await pools[0]!.query<{ key: string; hits: number }>('SELECT key, hits FROM rate_limit_hits')).rows;
  const after = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('[S57] counts hits in a fixed window timed by the database, then starts again once it has passed', async () => {
    const { store } = storeOn(0);
    const [{ now }] = (await pools[0]!.query<{ now: Date }>('SELECT now()')).rows as [{ now: Date }];
    const first = await store.increment(EMAIL);
    expect(first.totalHits).toBe(1);
    // The window ends windowMs after the database's clock, not this process's.
    expect(first.resetTime!.getTime() - now.getTime()).toBeGreaterThanOrEqual(WINDOW_MS - 5);
    expect(first.resetTime!.getTime() - now.getTime()).toBeLessThan(WINDOW_MS + 1_000);
    const second = await store.increment(EMAIL);
    expect(second).toEqual({ totalHits: 2, resetTime: first.resetTime });
    expect(await store.get!(EMAIL)).toEqual({ totalHits: 2, resetTime: first.resetTime });

    await after(WINDOW_MS + 50);
    expect(await store.get!(EMAIL)).toBeUndefined();
    const fresh = await store.increment(EMAIL);
    expect(fresh.totalHits).toBe(1);
    expect(fresh.resetTime!.getTime()).toBeGreaterThan(first.resetTime!.getTime());
  });

  it('[S57] a success gives its hit back; a reset forgets the key; other keys and limiters are apart', async () => {
    const { store } = storeOn(0, 'sign-in.account', 60_000);
    const { store: other } = storeOn(0, 'sign-in.address', 60_000);
    for (let i = 0; i < 3; i++) await store.increment(EMAIL);
    await store.decrement(EMAIL);
    expect((await store.get!(EMAIL))?.totalHits).toBe(2);
    expect((await store.increment(ADDRESS)).totalHits).toBe(1);
    // The same key under another limiter's prefix is another counter.
    expect((await other.increment(EMAIL)).totalHits).toBe(1);
    await store.resetKey(EMAIL);
    expect(await store.get!(EMAIL)).toBeUndefined();
    expect((await store.get!(ADDRESS))?.totalHits).toBe(1);
    expect((await other.get!(EMAIL))?.totalHits).toBe(1);
    // Never below zero, even with more decrements than hits.
    for (let i = 0; i < 3; i++) await store.decrement(ADDRESS);
    expect((await store.get!(ADDRESS))?.totalHits).toBe(0);
  });

  it('[S57] two processes on one database add up to one count, concurrently too', async () => {
    const a = storeOn(0, 'sign-in.account', 60_000).store;
    const b = storeOn(1, 'sign-in.account', 60_000).store;
    const answers = await Promise.all(Array.from({ length: 20 }, async (_, i) => (i % 2 ? a : b).increment(EMAIL)));
    // Every hit counted once, each answer a distinct count: the upsert is one statement.
    expect(answers.map((x) => x.totalHits).sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect((await b.get!(EMAIL))?.totalHits).toBe(20);
    await a.decrement(EMAIL);
    expect((await b.get!(EMAIL))?.totalHits).toBe(19);
    // A process with another secret (a misconfiguration) counts apart: the key is keyed by it.
    const stranger = storeOn(1, 'sign-in.account', 60_000, 'another-secret-that-is-long-enough').store;
    expect((await stranger.increment(EMAIL)).totalHits).toBe(1);
  });

  it('[S57] the table holds no email and no address: only keyed hashes', async () => {
    const { store } = storeOn(0, 'sign-in.account', 60_000);
    await store.increment(EMAIL);
    await store.increment(ADDRESS);
    const all = await rows();
    expect(all).toHaveLength(2);
    for (const row of all) expect(row.key).toMatch(/^[0-9a-f]{64}$/);
    const dump = JSON.stringify((await pools[0]!.query('SELECT * FROM rate_limit_hits')).rows);
    for (const plain of ['someone', 'example.org', '203.0.113.7', 'sign-in']) expect(dump).not.toContain(plain);
  });

  it('[S57] rows whose window has passed are deleted: by the sweep, and at start', async () => {
    const { counters, store } = storeOn(0);
    const { store: longer } = storeOn(0, 'rating-pages.misses', 60_000);
    await store.increment(EMAIL);
    await store.increment(ADDRESS);
    await longer.increment(ADDRESS);
    expect(await rows()).toHaveLength(3);
    await after(WINDOW_MS + 50);
    expect(await counters.sweep()).toBe(2);
    expect(await rows()).toEqual([{ key: expect.any(String), hits: 1 }]);

    // Counters made later (a process starting) sweep at once, and then every `sweepMs`.
    await store.increment(EMAIL);
    await after(WINDOW_MS + 50);
    const ticking = postgresCounters(pools[1]!, SECRET, 100);
    made.push(ticking);
    await expect.poll(rows, { timeout: 2_000 }).toHaveLength(1);
    await store.increment(ADDRESS);
    expect(await rows()).toHaveLength(2);
    await expect.poll(rows, { timeout: 2_000, interval: 50 }).toHaveLength(1);
  });
});
