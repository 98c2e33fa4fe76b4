import { createOwnership, type Ownership } from '../server/cluster/ownership.js';
import { openPostgres } from '../server/store/postgres/index.js';
import { OwnershipChild } from '../test/support/ownership-child.js';
import { freshDatabase } from '../test/support/postgres.js';
import { Samples, type Summary } from './stats.js';

/**
 * Session ownership between nodes (server/cluster/ownership.ts, decision 013 "Ownership"): how
 * long a claim takes, and how long a survivor takes to hold every session of a node that was
 * killed (its lock frees: no TTL to wait) or frozen (SIGSTOP: the heartbeat's TTL). Not part of
 * `npm run bench`. The server is HOLDSPACE_TEST_DATABASE_URL's or a throwaway one
 * (test/support/postgres.ts). Bounded: OWNERSHIP_CLAIMS claims, OWNERSHIP_RUNS runs of each failover.
 *
 *   OWNERSHIP_CLAIMS=1000 OWNERSHIP_RUNS=5 OWNERSHIP_SESSIONS=100 npx tsx bench/ownership.ts
 */
const CLAIMS = Number(process.env.OWNERSHIP_CLAIMS ?? 1000);
const RUNS = Number(process.env.OWNERSHIP_RUNS ?? 5);
const SESSIONS = Number(process.env.OWNERSHIP_SESSIONS ?? 100);
const FROZEN_TTLS = [1500, 10_000];

const database = await freshDatabase();
const pool = await openPostgres(database.url, 4);
const other = await openPostgres(database.url, 4);
const a = createOwnership({ pool, url: 'http://a.bench', nodeId: 'a' });
const b = createOwnership({ pool: other, url: 'http://b.bench', nodeId: 'b' });
await Promise.all([a.register(), b.register()]);

const show = (what: string, s: Summary) =>
  console.log(`${what.padEnd(48)} n=${s.count}  p50 ${s.p50.toFixed(2)}  p99 ${s.p99.toFixed(2)}  max ${s.max.toFixed(2)} ms`);

async function timed(samples: Samples, work: () => Promise<unknown>) {
  const t0 = performance.now();
  await work();
  samples.push(performance.now() - t0);
}

const won = new Samples();
const again = new Samples();
const held = new Samples();
for (let i = 0; i < CLAIMS; i++) await timed(won, () => a.claim(`claim-${i}`));
for (let i = 0; i < CLAIMS; i++) await timed(again, () => a.claim(`claim-${i}`));
for (let i = 0; i < CLAIMS; i++) await timed(held, () => b.claim(`claim-${i}`));
show('claim, free session (won)', won.summary());
show('claim, one it holds (won again)', again.summary());
show("claim, a live node's session (told the owner)", held.summary());

/** A child node that has claimed `sessions`. */
async function owner(nodeId: string, ttlMs: number, sessions: string[]): Promise<OwnershipChild> {
  const child = new OwnershipChild({ DATABASE_URL: database.url, NODE_ID: nodeId, TTL_MS: ttlMs });
  await child.next((l) => l.event === 'registered', 0, 60_000);
  child.send({ do: 'claim', sessions });
  for (const session of sessions) await child.next((l) => l.session === session, 0, 60_000);
  return child;
}

/** From now until `survivor` holds the first session, then every session: [first, all] in ms. */
async function takeover(survivor: Ownership, sessions: string[]): Promise<[number, number]> {
  const t0 = performance.now();
  const [head, ...rest] = sessions;
  while (!(await survivor.claim(head!)).owned) await new Promise((resolve) => setTimeout(resolve, 10));
  const first = performance.now() - t0;
  let left = rest;
  while (left.length) {
    const results = await Promise.all(left.map((s) => survivor.claim(s)));
    left = left.filter((_, i) => !results[i]!.owned);
    if (left.length) await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return [first, performance.now() - t0];
}

const killedFirst = new Samples();
const killedAll = new Samples();
for (let run = 0; run < RUNS; run++) {
  const sessions = Array.from({ length: SESSIONS }, (_, i) => `killed-${run}-${i}`);
  const child = await owner(`killed-${run}`, 10_000, sessions);
  await child.kill();
  const [first, all] = await takeover(a, sessions);
  killedFirst.push(first);
  killedAll.push(all);
}
show(`killed (TTL 10 s), ${SESSIONS} sessions: first taken`, killedFirst.summary());
show(`killed (TTL 10 s), ${SESSIONS} sessions: all taken`, killedAll.summary());

for (const ttl of FROZEN_TTLS) {
  const frozenFirst = new Samples();
  const frozenAll = new Samples();
  for (let run = 0; run < (ttl > 5000 ? 1 : RUNS); run++) {
    const sessions = Array.from({ length: SESSIONS }, (_, i) => `frozen-${ttl}-${run}-${i}`);
    const child = await owner(`frozen-${ttl}-${run}`, ttl, sessions);
    child.signal('SIGSTOP');
    const [first, all] = await takeover(a, sessions);
    frozenFirst.push(first);
    frozenAll.push(all);
    await child.kill();
  }
  show(`frozen (TTL ${ttl / 1000} s), ${SESSIONS} sessions: first taken`, frozenFirst.summary());
  show(`frozen (TTL ${ttl / 1000} s), ${SESSIONS} sessions: all taken`, frozenAll.summary());
}

await Promise.all([a.close(), b.close()]);
await Promise.all([pool.end(), other.end()]);
await database.drop();
