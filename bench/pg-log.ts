import { randomUUID } from 'node:crypto';
import { DEFAULT_PHASE_MINUTES } from '../shared/phases.js';
import { instant } from '../shared/time.js';
import { plannedSession } from '../server/live/snapshot.js';
import { openPostgres } from '../server/store/postgres/index.js';
import { postgresLive } from '../server/store/postgres/live.js';
import { insertSession } from '../server/store/postgres/sessions.js';
import { postgresGroups } from '../server/store/postgres/groups.js';
import { freshDatabase } from '../test/support/postgres.js';
import { Samples } from './stats.js';

/**
 * Grouped log entries per second through the PostgreSQL live store (issue 19's target: ≥ 10,000
 * sustained on this machine's Postgres). Not part of `npm run bench` yet. Every session keeps one
 * append out, as a session's queue does under load; each entry is a real-sized event, and one in
 * 16 carries its session's snapshot, as the live core saves them. The server is the one of
 * HOLDSPACE_TEST_DATABASE_URL, or a throwaway one on 127.0.0.1 with fsync and synchronous_commit
 * on (test/support/postgres.ts). Bounded by PG_LOG_SECONDS.
 *
 *   PG_LOG_SESSIONS=1000 PG_LOG_SECONDS=10 npx tsx bench/pg-log.ts
 */
const SESSIONS = Number(process.env.PG_LOG_SESSIONS ?? 1000);
const SECONDS = Number(process.env.PG_LOG_SECONDS ?? 10);
const WARM_UP_MS = 2000;
const SNAPSHOT_EVERY = 16;

const database = await freshDatabase();
const pool = await openPostgres(database.url);
const live = postgresLive(pool);
const seats = ['m-a', 'm-b', 'm-c', 'm-d'].map((name) => `${name}-${randomUUID()}`);
const plan = { phaseMinutes: { ...DEFAULT_PHASE_MINUTES }, turnAllotmentSeconds: 120, skill: null };
// The sessions' group: their foreign key wants one.
const groupId = randomUUID();
const group = { name: 'Bench group', focus: null, billingCode: '90853', agreements: '', coFacilitatorId: null, members: [] };
await postgresGroups(pool).create(groupId, 'bench-lead', group, instant(Date.now()));
const rows = Array.from({ length: SESSIONS }, () =>
  plannedSession({ groupId, leadId: 'bench-lead', coFacilitatorId: null, plan, seats, createdAt: instant(Date.now()) }),
);
for (const row of rows) await insertSession(pool, row);

Number((await pool.query<{ n: string }>('SELECT xact_commit AS n FROM pg_stat_database WHERE datname = current_database()')).rows[0]!.n);

let measuring = false;
// Only appends use the pool while measuring: one checkout is one group's statement.
let groups = 0;
pool.on('acquire', () => measuring && groups++);
let stopping = false;
let written = 0;
const latencies = new Samples();

/** One session's loop: its next entry as soon as the last is on disk. */
async function drive(row: (typeof rows)[number]) {
  for (let version = 1; !stopping; version++) {
    const at = instant(Date.now());
    const event = { type: version % 2 ? 'queue.add' : 'queue.remove', memberId: seats[1]!, at, actor: 'bench-lead' };
    const saved =
      version % SNAPSHOT_EVERY === 0
        ? { status: row.status, snapshot: row.snapshot, machineVersion: row.machineVersion, startedAt: null, endedAt: null }
        : null;
    const t0 = performance.now();
    await live.append({
      entry: { sessionId: row.id, version, at, actorId: 'bench-lead', commandId: `b-${version}`, event: event as never },
      saved,
    });
    if (measuring) {
      written++;
      latencies.push(performance.now() - t0);
    }
  }
}

const loops = rows.map(drive);
await new Promise((resolve) => setTimeout(resolve, WARM_UP_MS));
const t0 = performance.now();
const cpu0 = process.cpuUsage();
measuring = true;
await new Promise((resolve) => setTimeout(resolve, SECONDS * 1000));
measuring = false;
const elapsed = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
stopping = true;
await Promise.all(loops);
const { p50, p99 } = latencies.summary();

console.log(
  JSON.stringify(
    {
      sessions: SESSIONS,
      seconds: +elapsed.toFixed(1),
      entriesPerSecond: Math.round(written / elapsed),
      entriesPerGroup: +(written / Math.max(1, groups)).toFixed(1),
      // This process's CPU (building groups, the driver) per entry; the rest of the work is the server's.
      clientCpuMicrosPerEntry: +((cpu.user + cpu.system) / Math.max(1, written)).toFixed(1),
      appendMs: { p50: +p50.toFixed(1), p99: +p99.toFixed(1) },
      server: process.env.HOLDSPACE_TEST_DATABASE_URL ? 'HOLDSPACE_TEST_DATABASE_URL' : 'throwaway, fsync on',
    },
    null,
    2,
  ),
);
await pool.end();
await database.drop();
