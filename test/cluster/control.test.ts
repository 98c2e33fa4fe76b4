import { afterEach, describe, expect, it } from 'vitest';
import type { Screen } from '../faults/support/screen.js';
import { signIn } from '../support/http.js';
import { LEAD } from '../support/session-fixture.js';
import { seeded } from '../support/seeded.js';
import { connectSocket } from '../support/sockets.js';
import { startCluster, type Cluster } from './support/cluster.js';
import { expectInvariants, pressAway, settled } from './support/load.js';

const SEED = Number(process.env.CLUSTER_SEED ?? Date.now() % 1_000_000);
const NOTE = { type: 'note.add', text: 'Still here.', memberId: null, private: false } as const;
/** Refusals a person reads in a race between two screens: not a fault of the move. */
const RACES: ReadonlySet<string> = new Set(['STALE', 'WRONG_STATE', 'NOT_ALLOWED']);

let cluster: Cluster | null = null;
afterEach(async () => {
  await cluster?.close();
  cluster = null;
});

describe('[S56] sign-out across processes', () => {
  it("signing out through one process closes that sign-in's sockets on another at once", async () => {
    const c = (cluster = await startCluster({ nodes: 2, sessions: 1 }));
    const [a, b] = c.nodes as [Cluster['nodes'][number], Cluster['nodes'][number]];
    const signedIn = await signIn(a, LEAD.email, LEAD.password);
    const socket = await connectSocket(b, signedIn.cookie);
    const other = await connectSocket(b, c.lead.cookie);
    const closed = new Promise<number>((resolve) => socket.once('disconnect', () => resolve(performance.now())));
    const started = performance.now();
    const out = await fetch(`${a.url}/api/auth/sign-out`, {
      method: 'POST',
      headers: { cookie: signedIn.cookie, origin: a.url, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(out.status).toBe(200);
    const ms = (await closed) - started;
    // Loose on a shared machine: the bench holds the p99 ≤ 1 s.
    expect(ms).toBeLessThan(5_000);
    // The same account's other sign-in is not touched.
    expect(other.connected).toBe(true);
    other.disconnect();
    console.info(`[cluster sign-out] socket on the other process closed ${Math.round(ms)} ms after the sign-out`);
  });
});

describe('[P59] SIGTERM drain, through nginx', () => {
  it(`hands every session over: nothing lost, no error a person reads, the screens go on elsewhere (seed ${SEED})`, async () => {
    const rand = seeded(SEED);
    const c = (cluster = await startCluster({ nodes: 3, sessions: 6, proxy: true }));
    const screens: Screen[] = c.sessionIds.flatMap((id) => [c.screen(c.nginx!.url, 'lead', id), c.screen(c.nginx!.url, 'co', id)]);
    await Promise.all(screens.map((s) => s.joined()));
    const load = pressAway(screens, c.actorOf, rand);
    await new Promise((r) => setTimeout(r, 1_500));
    const owners = await Promise.all(c.sessionIds.map((id) => c.ownerOf(id)));
    const leaving = c.nodes.reduce((x, y) => (owners.filter((o) => o === y).length > owners.filter((o) => o === x).length ? y : x));
    const moved = c.sessionIds.filter((_, i) => owners[i] === leaving);
    expect(moved.length).toBeGreaterThan(0);

    const exit = leaving.terminate();
    const gaps = await Promise.all(
      moved.map(async (id) => {
        const started = performance.now();
        expect(await screens.find((s) => s.sessionId === id)!.send(NOTE).settled).toMatchObject({ ok: true });
        return performance.now() - started;
      }),
    );
    expect(await exit).toBe(0);
    await load.stop();
    await settled(screens);

    await expectInvariants(c.pool, screens, expect);
    const seen = screens.flatMap((s) => s.sent).map((sent) => sent.answers.at(-1));
    const errors = seen.filter((a) => a && !a.ok && !RACES.has(a.code));
    expect(errors).toEqual([]);
    for (const id of moved) expect(await c.ownerOf(id)).not.toBe(leaving);
    console.info(
      `[cluster drain] seed ${SEED}: ${moved.length} sessions handed over; SIGTERM → first ack ${gaps.map((g) => Math.round(g)).join(', ')} ms`,
    );
  });
});
