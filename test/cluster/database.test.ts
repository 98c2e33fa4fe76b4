import { afterEach, describe, expect, it } from 'vitest';
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
    await restartPostgres(2_000);
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
