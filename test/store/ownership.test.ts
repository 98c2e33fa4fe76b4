import type pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createOwnership, NotServing, type FenceReason, type Ownership } from '../../server/cluster/ownership.js';
import { openPostgres } from '../../server/store/postgres/index.js';
import { CuttableProxy } from '../faults/support/proxy.js';
import { freshDatabase, type TestDatabase } from '../support/postgres.js';
import { seeded } from '../support/seeded.js';

/**
 * Session ownership between nodes (server/cluster/ownership.ts) on a real PostgreSQL: two nodes in
 * this process, each on a pool of its own as two processes would be. Freezing and killing a whole
 * node process is in ./ownership-processes.test.ts.
 */
const TTL_MS = 2000;

describe('session ownership between nodes', () => {
  let database: TestDatabase;
  let pools: pg.Pool[];
  const started: Ownership[] = [];
  beforeAll(async () => {
    database = await freshDatabase();
    pools = [await openPostgres(database.url, 4), await openPostgres(database.url, 4), await openPostgres(database.url, 4)];
  });
  afterEach(async () => {
    await Promise.all(started.splice(0).map((node) => node.close()));
  });
  afterAll(async () => {
    await Promise.all((pools ?? []).map((pool) => pool.end()));
    await database?.drop();
  });

  async function node(name: string, pool = 0): Promise<Ownership> {
    const ownership = createOwnership({ pool: pools[pool]!, url: `http://${name}.test`, ttlMs: TTL_MS, nodeId: name });
    started.push(ownership);
    await ownership.register();
    return ownership;
  }
  const fenced = (ownership: Ownership) => new Promise<FenceReason>((resolve) => ownership.on('fenced', resolve));
  const registered = (ownership: Ownership) => new Promise<number>((resolve) => ownership.on('registered', resolve));
  const ownerRow = async (session: string) =>
    (await pools[2]!.query('SELECT node_id, epoch::float8 AS epoch FROM session_owner WHERE session_id = $1', [session])).rows[0];

  it('a session has one owner: the other node is told who holds it and where, until it is released', async () => {
    const [a, b] = [await node('a', 0), await node('b', 1)];
    expect(await a.claim('s1')).toEqual({ owned: true });
    expect(await b.claim('s1')).toEqual({ owned: false, owner: { id: 'a', url: 'http://a.test' } });
    // Claiming what it holds again is a no-op success.
    expect(await a.claim('s1')).toEqual({ owned: true });
    expect([a.owns('s1'), b.owns('s1')]).toEqual([true, false]);
    expect(await ownerRow('s1')).toEqual({ node_id: 'a', epoch: a.epoch() });

    // Only the owner's release counts.
    await b.release('s1');
    expect(await b.claim('s1')).toMatchObject({ owned: false });
    await a.release('s1');
    expect(a.owns('s1')).toBe(false);
    expect(await b.claim('s1')).toEqual({ owned: true });
    expect(await a.claim('s1')).toEqual({ owned: false, owner: { id: 'b', url: 'http://b.test' } });

    // A drain gives up everything at once.
    expect(await b.claim('s2')).toEqual({ owned: true });
    await b.releaseAll();
    expect([b.owns('s1'), b.owns('s2')]).toEqual([false, false]);
    expect(await a.claim('s1')).toEqual({ owned: true });
    expect(await a.claim('s2')).toEqual({ owned: true });
  });

  it('two nodes claiming one session at once: exactly one wins, over seeded rounds, also when taking it from a dead owner', async () => {
    const seed = 19_006;
    const random = seeded(seed);
    const [a, b] = [await node('a', 0), await node('b', 1)];
    for (let round = 0; round < 30; round++) {
      const session = `race-${round}`;
      // Half the rounds race over a session whose owner has just gone: its lock is free, its heartbeat still fresh.
      if (random() < 0.5) {
        const dead = createOwnership({ pool: pools[2]!, url: 'http://c.test', ttlMs: TTL_MS, nodeId: 'c' });
        await dead.register();
        expect(await dead.claim(session)).toEqual({ owned: true });
        await dead.close();
      }
      const order = random() < 0.5 ? [a, b] : [b, a];
      const results = await Promise.all(order.map((n) => n.claim(session)));
      const winners = order.filter((_, i) => results[i]!.owned);
      expect(winners, `seed ${seed}, round ${round}`).toHaveLength(1);
      const winner = winners[0]!;
      const loser = results.find((r) => !r.owned);
      expect(loser).toEqual({ owned: false, owner: { id: winner.nodeId, url: `http://${winner.nodeId}.test` } });
      expect(await ownerRow(session)).toEqual({ node_id: winner.nodeId, epoch: winner.epoch() });
    }
  });

  it('a node whose lock connection is killed loses its sessions at once, well before the TTL, and fences itself', async () => {
    const [a, b] = [await node('a', 0), await node('b', 1)];
    const firstEpoch = a.epoch();
    expect(await a.claim('k1')).toEqual({ owned: true });
    expect(await b.claim('k1')).toMatchObject({ owned: false });
    const reason = fenced(a);
    const again = registered(a);
    const t0 = performance.now();
    await pools[2]!.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'holdspace-node:a'");
    let taken = await b.claim('k1');
    while (!taken.owned && performance.now() - t0 < TTL_MS) taken = await b.claim('k1');
    const elapsed = performance.now() - t0;
    expect(taken).toEqual({ owned: true });
    expect(elapsed).toBeLessThan(TTL_MS);
    expect(await reason).toBe('lost');
    expect(a.owns('k1')).toBe(false);
    const epoch = await again;
    expect(epoch).toBeGreaterThan(firstEpoch!);
    expect(a.mayAcknowledge()).toBe(true);
    expect(await a.claim('k1')).toEqual({ owned: false, owner: { id: 'b', url: 'http://b.test' } });
  });

  it('a session claimed under an epoch that is over is taken at once, and its old owner fences itself on its next renewal', async () => {
    const [a, b] = [await node('a', 0), await node('b', 1)];
    expect(await a.claim('e1')).toEqual({ owned: true });
    // As if a registered again elsewhere (a restart under the same id): its lock and heartbeat are fine, its epoch is not.
    const reason = fenced(a);
    await pools[2]!.query("UPDATE nodes SET epoch = nextval('node_epochs') WHERE id = 'a'");
    expect(await b.claim('e1')).toEqual({ owned: true });
    expect(await reason).toBe('refused');
    expect(a.owns('e1')).toBe(false);
    await registered(a);
    expect(await a.claim('e1')).toEqual({ owned: false, owner: { id: 'b', url: 'http://b.test' } });
  });

  it('a healthy owner keeps its sessions past three TTLs: its heartbeat is renewed and no claim takes them', async () => {
    const [a, b] = [await node('a', 0), await node('b', 1)];
    let fences = 0;
    a.on('fenced', () => fences++);
    expect(await a.claim('h1')).toEqual({ owned: true });
    const until = performance.now() + 3 * TTL_MS + 500;
    let tries = 0;
    while (performance.now() < until) {
      expect(await b.claim('h1')).toEqual({ owned: false, owner: { id: 'a', url: 'http://a.test' } });
      expect(a.owns('h1')).toBe(true);
      tries++;
      await new Promise((resolve) => setTimeout(resolve, TTL_MS / 10));
    }
    expect(tries).toBeGreaterThan(10);
    expect(fences).toBe(0);
    expect(await ownerRow('h1')).toEqual({ node_id: 'a', epoch: a.epoch() });
  });

  it('a node cut off from the database stops acknowledging before anyone may take its sessions, and comes back under a new epoch', async () => {
    // Node a reaches the database through a proxy that can swallow its traffic: its connections stay open, nothing arrives.
    const proxy = new CuttableProxy(Number(new URL(database.url).port));
    await proxy.listen();
    const cutUrl = new URL(database.url);
    cutUrl.port = String(proxy.port);
    const cutPool = await openPostgres(cutUrl.toString(), 2);
    try {
      const a = createOwnership({ pool: cutPool, url: 'http://a.test', ttlMs: TTL_MS, nodeId: 'a' });
      started.push(a);
      await a.register();
      const b = await node('b', 1);
      const firstEpoch = a.epoch()!;
      expect(await a.claim('p1')).toEqual({ owned: true });

      const order: string[] = [];
      const reason = fenced(a).then((r) => (order.push('a fenced'), r));
      proxy.blackhole();
      // Its lock is still held (the server sees the connection open): only the heartbeat's TTL lets b in.
      let taken = await b.claim('p1');
      while (!taken.owned) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        taken = await b.claim('p1');
      }
      order.push('b took p1');
      expect(order).toEqual(['a fenced', 'b took p1']);
      expect(await reason).toBe('stale');
      expect(a.mayAcknowledge()).toBe(false);
      await expect(a.claim('p2')).rejects.toThrow(NotServing);

      const back = registered(a);
      proxy.restore();
      expect(await back).toBeGreaterThan(firstEpoch);
      expect(a.owns('p1')).toBe(false);
      expect(await a.claim('p1')).toEqual({ owned: false, owner: { id: 'b', url: 'http://b.test' } });
    } finally {
      await Promise.all(started.splice(0).map((n) => n.close()));
      await cutPool.end();
      await proxy.close();
    }
  });

  it('a node may acknowledge until TTL − TTL/5 after its last renewal was sent, by its monotonic clock; then it fences itself at its next look', async () => {
    // The monotonic clock in the test's hand: it stands still, so no renewal comes due, until moved.
    let clock = 0;
    const a = createOwnership({ pool: pools[0]!, url: 'http://a.test', ttlMs: TTL_MS, nodeId: 'a', now: () => clock });
    started.push(a);
    await a.register();
    const b = await node('b', 1);
    const firstEpoch = a.epoch()!;
    expect(await a.claim('m1')).toEqual({ owned: true });
    const deadline = TTL_MS - TTL_MS / 5;
    clock = deadline - 1;
    expect([a.mayAcknowledge(), a.owns('m1')]).toEqual([true, true]);
    clock = deadline;
    expect([a.mayAcknowledge(), a.owns('m1')]).toEqual([false, false]);

    const reasons: FenceReason[] = [];
    a.on('fenced', (reason) => reasons.push(reason));
    const back = registered(a);
    await expect(a.claim('m2')).rejects.toThrow(NotServing);
    expect(reasons).toEqual(['stale']);
    // Back under a new epoch, its rows are free without waiting out the TTL: that epoch is over,
    // and the node's lock, taken again, could be had only once the fenced connection had ended.
    // (Asked before that, the server may not yet have seen the dropped connection go.)
    expect(await back).toBeGreaterThan(firstEpoch);
    expect(await b.claim('m1')).toEqual({ owned: true });
    expect(a.mayAcknowledge()).toBe(true);
    expect(await a.claim('m1')).toEqual({ owned: false, owner: { id: 'b', url: 'http://b.test' } });
  });

  it('a closed node claims nothing more, and what it held is free for others at once', async () => {
    const [a, b] = [await node('a', 0), await node('b', 1)];
    expect(await a.claim('c1')).toEqual({ owned: true });
    await a.close();
    expect(a.mayAcknowledge()).toBe(false);
    await expect(a.claim('c2')).rejects.toThrow(/not serving/);
    expect(await b.claim('c1')).toEqual({ owned: true });
  });
});
