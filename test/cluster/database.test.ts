import { io } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../shared/protocol.js';
import type { Screen } from '../faults/support/screen.js';
import { restartPostgres } from '../support/postgres.js';
import { seeded } from '../support/seeded.js';
import { startCluster, type Cluster } from './support/cluster.js';
import { expectInvariants, pressAway, settled } from './support/load.js';

const SEED = Number(process.env.CLUSTER_SEED ?? Date.now() % 1_000_000);
const NOTE = { type: 'note.add', text: 'Back again.', memberId: null, private: false } as const;

let cluster: Cluster | null = null;
afterEach(async () => {
  await cluster?.close();
  cluster = null;
});

describe('[P60] PostgreSQL restarted under load', () => {
  it(`loses nothing acknowledged, applies nothing twice, and every session goes on once it is back (seed ${SEED})`, async () => {
    const rand = seeded(SEED);
    const c = (cluster = await startCluster({ nodes: 3, sessions: 4, proxy: true }));
    const screens: Screen[] = c.sessionIds.flatMap((id) => [c.screen(c.nginx!.url, 'lead', id), c.screen(c.nginx!.url, 'co', id)]);
    await Promise.all(screens.map((s) => s.joined()));
    const load = pressAway(screens, c.actorOf, rand);
    await new Promise((r) => setTimeout(r, 1_500));

    // Every connection of every process ends; for 2 s none is taken; then the same server is back.
    const restarted = restartPostgres(2_000);
    // Meanwhile a page reads and someone signs in: a passing refusal they can act on, never INTERNAL.
    await new Promise((r) => setTimeout(r, 700));
    const handshake = connectError(c.nginx!.url, c.lead.cookie, c.sessionIds[0]!);
    const whileDown = await Promise.all([
      fetch(`${c.nginx!.url}/api/groups`, { headers: { cookie: c.lead.cookie } }),
      fetch(`${c.nginx!.url}/api/auth/sign-in/email`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: c.nginx!.url },
        body: JSON.stringify({ email: 'someone@example.org', password: 'a password long enough' }),
      }),
    ]);
    await restarted;
    const answers = await Promise.all(whileDown.map(async (res) => [res.status, ((await res.json()) as { code?: string }).code ?? 'ok']));
    for (const answer of answers)
      expect([
        [200, 'ok'],
        [401, 'UNAUTHENTICATED'],
        [503, 'STORAGE_FAILED'],
      ]).toContainEqual(answer);
    // A server of the test's own is down for those 2 s (HOLDSPACE_TEST_DATABASE_URL's only has its connections cut).
    if (!process.env.HOLDSPACE_TEST_DATABASE_URL) {
      expect(answers.map(([status]) => status)).toEqual([503, 503]);
      expect(await handshake).toBe('STORAGE_FAILED');
    }
    await new Promise((r) => setTimeout(r, 2_000));
    await load.stop();
    await settled(screens, 30_000);
    expect(screens.map((s) => s.unanswered)).toEqual(screens.map(() => 0));

    // Each session takes commands again, wherever it is now owned.
    for (const id of c.sessionIds) {
      expect(await screens.find((s) => s.sessionId === id)!.send(NOTE).settled).toMatchObject({ ok: true });
    }
    const refused = screens.flatMap((s) => s.sent).filter((sent) => sent.answers.some((a) => !a.ok && a.code === 'STORAGE_FAILED'));
    const acked = await expectInvariants(c.pool, screens, expect);
    expect(acked).toBeGreaterThan(10);
    console.info(`[cluster database restart] seed ${SEED}: ${acked} acknowledged; ${refused.length} answered STORAGE_FAILED at least once`);
  });
});

/** A screen's handshake's refusal code, or 'connected'. */
function connectError(url: string, cookie: string, sessionId: string): Promise<string> {
  const socket = io(url, {
    transports: ['websocket'],
    reconnection: false,
    query: { session: sessionId },
    auth: { protocolVersion: PROTOCOL_VERSION },
    extraHeaders: { cookie },
  });
  return new Promise<string>((resolve) => {
    socket.once('connect', () => resolve('connected'));
    socket.once('connect_error', (error: Error & { data?: { code?: string } }) => resolve(error.data?.code ?? error.message));
  }).finally(() => socket.close());
}
