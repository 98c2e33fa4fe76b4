import { randomUUID } from 'node:crypto';
import { plannedSession } from '../../server/live/snapshot.js';
import { openPostgres } from '../../server/store/postgres/index.js';
import { postgresGroups } from '../../server/store/postgres/groups.js';
import { postgresLive } from '../../server/store/postgres/live.js';
import { insertSession } from '../../server/store/postgres/sessions.js';
import { DEFAULT_PHASE_MINUTES } from '../../shared/phases.js';
import { instant } from '../../shared/time.js';
import { Samples } from '../stats.js';

const WARM_UP_MS = 2000;
const SNAPSHOT_EVERY = 16;

export interface LogRate {
  sessions: number;
  seconds: number;
  entriesPerSecond: number;
  entriesPerGroup: number;
  /** This process's CPU (building groups, the driver) per entry; the rest of the work is the server's. */
  clientCpuMicrosPerEntry: number;
  appendMs: { p50: number; p99: number };
}

/**
 * Grouped log entries per second through the PostgreSQL live store on the (empty, unmigrated)
 * database at `url` (issue 19's target: ≥ 10,000 sustained on this machine's Postgres). Every
 * session keeps one append out, as a session's queue does under load; each entry is a real-sized
 * event, and one in 16 carries its session's snapshot, as the live core saves them. Measured for
 * `seconds` after a 2 s warm-up; run by bench/pg-log.ts alone and by the bench's cluster part.
 */
export async function measureLogRate(url: string, sessions: number, seconds: number): Promise<LogRate> {
  const pool = await openPostgres(url);
  const live = postgresLive(pool);
  const seats = ['m-a', 'm-b', 'm-c', 'm-d'].map((name) => `${name}-${randomUUID()}`);
  const plan = { phaseMinutes: { ...DEFAULT_PHASE_MINUTES }, turnAllotmentSeconds: 120, skill: null };
  // The sessions' group: their foreign key wants one.
  const groupId = randomUUID();
  const group = { name: 'Bench group', focus: null, billingCode: '90853', agreements: '', coFacilitatorId: null, members: [] };
  await postgresGroups(pool).create(groupId, 'bench-lead', group, instant(Date.now()));
  const rows = Array.from({ length: sessions }, () =>
    plannedSession({ groupId, leadId: 'bench-lead', coFacilitatorId: null, plan, seats, createdAt: instant(Date.now()) }),
  );
  for (const row of rows) await insertSession(pool, row);

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

  try {
    const loops = rows.map(drive);
    await new Promise((resolve) => setTimeout(resolve, WARM_UP_MS));
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    measuring = true;
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    measuring = false;
    const elapsed = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    stopping = true;
    await Promise.all(loops);
    const { p50, p99 } = latencies.summary();
    return {
      sessions,
      seconds: +elapsed.toFixed(1),
      entriesPerSecond: Math.round(written / elapsed),
      entriesPerGroup: +(written / Math.max(1, groups)).toFixed(1),
      clientCpuMicrosPerEntry: +((cpu.user + cpu.system) / Math.max(1, written)).toFixed(1),
      appendMs: { p50: +p50.toFixed(1), p99: +p99.toFixed(1) },
    };
  } finally {
    stopping = true;
    await pool.end();
  }
}
