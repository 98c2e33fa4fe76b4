import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOwnership, type Ownership } from '../../server/cluster/ownership.js';
import { openPostgres } from '../../server/store/postgres/index.js';
import { OwnershipChild } from '../support/ownership-child.js';
import { freshDatabase, type TestDatabase } from '../support/postgres.js';

/**
 * Whole node processes frozen (SIGSTOP) and killed (SIGKILL) while they own sessions
 * (server/cluster/ownership.ts); the survivor is a node in this process. The children's wall
 * clocks are 2 s off (CLOCK_SKEW_MS): ownership reads only the database's clock and each node's
 * monotonic one, so it makes no difference. Every wait is bounded.
 */
const SESSIONS = 10;

describe('session ownership when a node process freezes or dies', () => {
  let database: TestDatabase;
  let pool: pg.Pool;
  let survivor: Ownership;
  const children: OwnershipChild[] = [];
  beforeAll(async () => {
    database = await freshDatabase();
    pool = await openPostgres(database.url, 4);
    survivor = createOwnership({ pool, url: 'http://survivor.test', ttlMs: 1500, nodeId: 'survivor' });
    await survivor.register();
  });
  afterAll(async () => {
    await Promise.all(children.map((child) => child.kill()));
    await survivor?.close();
    await pool?.end();
    await database?.drop();
  });

  /** A node process that has registered and claimed `sessions`; resolves with its epoch. */
  async function owningChild(nodeId: string, ttlMs: number, skewMs: number, sessions: string[]) {
    const child = new OwnershipChild({ DATABASE_URL: database.url, NODE_ID: nodeId, TTL_MS: ttlMs, CLOCK_SKEW_MS: skewMs });
    children.push(child);
    const { epoch } = await child.next((l) => l.event === 'registered');
    child.send({ do: 'claim', sessions });
    for (const session of sessions)
      expect(await child.next((l) => l.event === 'claimed' && l.session === session)).toMatchObject({ owned: true });
    return { child, epoch: epoch as number };
  }

  /** Claims every session until the survivor holds them all; resolves with how long it took (ms). */
  async function takeAll(sessions: string[], boundMs: number): Promise<number> {
    const t0 = performance.now();
    let left = sessions;
    while (left.length && performance.now() - t0 < boundMs) {
      const results = await Promise.all(left.map((s) => survivor.claim(s)));
      left = left.filter((_, i) => !results[i]!.owned);
      if (left.length) await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(left).toEqual([]);
    return performance.now() - t0;
  }

  it('a frozen owner loses its sessions after the TTL; woken, it fences itself before it claims again, and comes back under a new epoch owning nothing', async () => {
    const TTL = 1500;
    const sessions = Array.from({ length: SESSIONS }, (_, i) => `frozen-${i}`);
    const { child, epoch } = await owningChild('frozen', TTL, -2000, sessions);
    child.signal('SIGSTOP');
    // Frozen but within its TTL: still the owner.
    expect(await survivor.claim(sessions[0]!)).toEqual({ owned: false, owner: { id: 'frozen', url: 'http://frozen.test' } });
    expect(await takeAll(sessions, TTL + 2000)).toBeLessThanOrEqual(TTL + 2000);

    // A claim waits in its pipe while it sleeps: on waking, the fence must come first.
    const from = child.lines.length;
    child.send({ do: 'claim', sessions: [sessions[0]!] });
    child.signal('SIGCONT');
    const fence = await child.next((l) => l.event === 'fenced', from);
    expect(fence).toMatchObject({ reason: 'stale', mayAcknowledge: false, epoch: null });
    const answer = await child.next((l) => l.session === sessions[0], from);
    expect(answer.seq).toBeGreaterThan(fence.seq);
    expect(answer.owned).not.toBe(true);
    const again = await child.next((l) => l.event === 'registered', from);
    expect(again.epoch).toBeGreaterThan(epoch);
    expect(child.lines.slice(from).filter((l) => l.owned === true)).toEqual([]);

    const asked = child.lines.length;
    child.send({ do: 'state' });
    expect(await child.next((l) => l.event === 'state', asked)).toMatchObject({ epoch: again.epoch, mayAcknowledge: true, owns: [] });
    child.send({ do: 'claim', sessions });
    for (const session of sessions)
      expect(await child.next((l) => l.event === 'claimed' && l.session === session, asked)).toMatchObject({
        owned: false,
        owner: { id: 'survivor', url: 'http://survivor.test' },
      });
  });

  it("a killed owner's sessions are taken at once, long before its 10 s TTL: its lock went with its process", async () => {
    const sessions = Array.from({ length: SESSIONS }, (_, i) => `killed-${i}`);
    const { child } = await owningChild('killed', 10_000, 2000, sessions);
    expect(await survivor.claim(sessions[0]!)).toEqual({ owned: false, owner: { id: 'killed', url: 'http://killed.test' } });
    await child.kill();
    expect(await takeAll(sessions, 5000)).toBeLessThan(5000);
  });
});
