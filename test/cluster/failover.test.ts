import { afterEach, describe, expect, it } from 'vitest';
import type { Screen } from '../faults/support/screen.js';
import { connectSocket } from '../support/sockets.js';
import { seeded } from '../support/seeded.js';
import { startCluster, TEST_TTL_MS, type Cluster } from './support/cluster.js';
import { clockBehind } from './support/skew.js';
import { expectInvariants, pressAway, settled } from './support/load.js';

/**
 * Three (or two) Holdspace processes on one PostgreSQL, as docs/operations.md runs them, with the
 * shipped sync client on every screen. CLUSTER_SEED=n repeats a run.
 */
const SEED = Number(process.env.CLUSTER_SEED ?? Date.now() % 1_000_000);
const NOTE = { type: 'note.add', text: 'Still here.', memberId: null, private: false } as const;

let cluster: Cluster | null = null;
afterEach(async () => {
  await cluster?.close();
  cluster = null;
});

/** A lead's and a co-facilitator's screen on every session, at `url(sessionId)`. */
function screensOf(c: Cluster, url: (sessionId: string) => string): Screen[] {
  return c.sessionIds.flatMap((id) => [c.screen(url(id), 'lead', id), c.screen(url(id), 'co', id)]);
}

/** Milliseconds until a note sent now on `screen` is acknowledged. */
async function timeToAck(screen: Screen): Promise<number> {
  const started = performance.now();
  const ack = await screen.send(NOTE).settled;
  expect(ack).toMatchObject({ ok: true });
  return performance.now() - started;
}

describe('[P57] kill -9 of a session’s owner, through nginx', () => {
  it(`loses no acknowledged command, applies none twice, and the screens go on on a survivor (seed ${SEED})`, async () => {
    const rand = seeded(SEED);
    const c = (cluster = await startCluster({ nodes: 3, sessions: 6, proxy: true }));
    const screens = screensOf(c, () => c.nginx!.url);
    await Promise.all(screens.map((s) => s.joined()));
    const load = pressAway(screens, c.actorOf, rand);
    await new Promise((r) => setTimeout(r, 1_500 + Math.floor(rand() * 1_500)));

    const owners = await Promise.all(c.sessionIds.map((id) => c.ownerOf(id)));
    const victim = c.nodes.reduce((a, b) => (owners.filter((o) => o === b).length > owners.filter((o) => o === a).length ? b : a));
    const orphaned = c.sessionIds.filter((_, i) => owners[i] === victim);
    expect(orphaned.length, 'the killed node owned a session').toBeGreaterThan(0);
    await victim.kill9();
    const failover = await Promise.all(orphaned.map((id) => timeToAck(screens.find((s) => s.sessionId === id)!)));
    await load.stop();
    await settled(screens);
    expect(screens.map((s) => s.unanswered)).toEqual(screens.map(() => 0));

    const acked = await expectInvariants(c.pool, screens, expect);
    expect(acked).toBeGreaterThan(20);
    const survivors = await Promise.all(orphaned.map((id) => c.ownerOf(id)));
    for (const owner of survivors) expect(owner === null || owner === victim).toBe(false);
    console.info(
      `[cluster kill -9] seed ${SEED}: ${orphaned.length} sessions moved; kill → first ack ${failover.map((ms) => Math.round(ms)).join(', ')} ms`,
    );
  });
});

describe('[P58] an owner frozen past the TTL', () => {
  it(`is taken over by a survivor whose clock is 2 s behind, within the TTL and 2 s; woken, it fences itself: nothing it writes forks the log, no time stamp goes back (seed ${SEED})`, async () => {
    const rand = seeded(SEED);
    // The survivor's wall clock is 2 s behind the frozen owner's: the log's times must still only go forward.
    const c = (cluster = await startCluster({ nodes: 2, sessions: 2, envOf: (i) => (i === 1 ? clockBehind(2) : {}) }));
    const [a, b] = c.nodes as [NonNullable<Cluster['nodes'][0]>, NonNullable<Cluster['nodes'][0]>];
    const onA = screensOf(c, () => a.url);
    await Promise.all(onA.map((s) => s.joined()));
    expect(await c.ownerOf(c.sessionIds[0]!)).toBe(a);
    const load = pressAway(onA, c.actorOf, rand);
    await new Promise((r) => setTimeout(r, 1_000));
    const epochBefore = await epochOf(c, a.port);

    a.signal('SIGSTOP');
    const frozenAt = performance.now();
    // Screens that reach the other process: refused MOVING until the frozen owner's heartbeat is a TTL old.
    const onB = screensOf(c, () => b.url);
    await Promise.all(onB.map((s) => s.joined()));
    await timeToAck(onB[0]!);
    const takeover = performance.now() - frozenAt;
    // Not before the frozen owner's heartbeat could be a TTL old; the bound after it is loose on
    // purpose (a shared machine): the bench measures it against the TTL + 2 s.
    expect(takeover).toBeGreaterThanOrEqual(TEST_TTL_MS * 0.8);
    expect(takeover).toBeLessThanOrEqual(TEST_TTL_MS + 2_000 + 4_000);
    const loadB = pressAway(onB, c.actorOf, rand);
    await new Promise((r) => setTimeout(r, 1_000));

    a.signal('SIGCONT');
    await new Promise((r) => setTimeout(r, 1_500));
    await load.stop();
    for (const s of onA) s.close();
    await loadB.stop();
    await settled(onB);
    expect(await epochOf(c, a.port), 'the woken node registered again under a new epoch').toBeGreaterThan(epochBefore);

    const acked = await expectInvariants(c.pool, [...onA, ...onB], expect);
    expect(acked).toBeGreaterThan(10);
    console.info(`[cluster freeze] seed ${SEED}: freeze → first ack on the survivor ${Math.round(takeover)} ms (TTL ${TEST_TTL_MS} ms)`);
  });
});

describe('[P56] a screen that reaches a process not owning its session', () => {
  it('is answered MOVING, the owner hands the session over, and the screen joins and acts there', async () => {
    const c = (cluster = await startCluster({ nodes: 2, sessions: 1 }));
    const [a, b] = c.nodes as [NonNullable<Cluster['nodes'][0]>, NonNullable<Cluster['nodes'][0]>];
    const sessionId = c.sessionIds[0]!;
    const first = c.screen(a.url, 'lead', sessionId);
    await first.joined();
    await timeToAck(first);
    await first.reach(1);
    const version = first.version;
    // The raw protocol: a join at the process that does not own the session is answered MOVING.
    const probe = await connectSocket(b, c.co.cookie);
    const ack = await probe.timeout(5_000).emitWithAck('session:join', { sessionId, knownVersion: -1 });
    probe.disconnect();
    expect(ack).toMatchObject({ ok: false, code: 'MOVING' });
    first.close();

    const moved = c.screen(b.url, 'co', sessionId);
    await moved.joined();
    expect(moved.version).toBe(version);
    await timeToAck(moved);
    expect(await c.ownerOf(sessionId)).toBe(b);
    await expectInvariants(c.pool, [first, moved], expect);
  });
});

async function epochOf(c: Cluster, port: number): Promise<number> {
  const { rows } = await c.pool.query<{ epoch: string; url: string }>('SELECT epoch::text, url FROM nodes');
  return Math.max(...rows.filter((r) => Number(new URL(r.url).port) === port).map((r) => Number(r.epoch)));
}
