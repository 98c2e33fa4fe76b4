import type { RunResult } from '../load.js';
import { ms, times, type Row } from '../report.js';
import { describeTrouble, type SteadyFigures, type SteadyRun } from './steady.js';

/** Issue 19's steady-state targets. */
const PG_P99_MS = 50;
const PG_OVER_FLOOR = 4;
const TWO_OVER_ONE = 1.2;
const LOG_ENTRIES_PER_SECOND = 10_000;

const healthy = (r: RunResult) => r.lost === 0 && r.incomplete === 0 && r.disconnects === 0 && Object.keys(r.rejected).length === 0;
const p50p99 = (r: RunResult) => `${ms(r.all.p50)} / ${ms(r.all.p99)}${healthy(r) ? '' : ' (unhealthy)'}`;
const ratio = (h: RunResult, floor: RunResult) => `${times(h.all.p50 / floor.all.p50)} / ${times(h.all.p99 / floor.all.p99)}`;

/**
 * The cluster part's rows for docs/performance.md: each configuration's all-screens p50 / p99
 * beside the PostgreSQL floor's (in the baseline column), then 2 nodes against 1, then the log rate.
 */
export function steadyRows(f: SteadyFigures, sessions: number): Row[] {
  const n = sessions.toLocaleString('en');
  const pgRow = (what: string, run: SteadyRun): Row => ({
    metric: `cluster: all 3 screens have it, p50 / p99, ${n} sessions at 1 cmd/s — ${what}; baseline column: the PostgreSQL floor`,
    baseline: p50p99(f.floor.result),
    holdspace: p50p99(run.result),
    ratio: ratio(run.result, f.floor.result),
    target: `p99 < ${PG_P99_MS} ms and ≤ ${PG_OVER_FLOOR}× the floor`,
    met:
      run.result.all.p99 < PG_P99_MS && run.result.all.p99 <= PG_OVER_FLOOR * f.floor.result.all.p99 && healthy(run.result) ? 'yes' : 'NO',
  });
  const two = f.twoPg.result.all.p99;
  const one = f.onePg.result.all.p99;
  return [
    {
      metric: `cluster: all 3 screens have it, p50 / p99, ${n} sessions at 1 cmd/s — SQLite Holdspace; baseline column: the PostgreSQL floor`,
      baseline: p50p99(f.floor.result),
      holdspace: p50p99(f.sqlite.result),
      ratio: ratio(f.sqlite.result, f.floor.result),
      target: '',
      met: '',
    },
    pgRow('PostgreSQL Holdspace, one node', f.onePg),
    pgRow('PostgreSQL Holdspace, two nodes on one database (half the sessions on each)', f.twoPg),
    {
      metric: `cluster: all-screens p99, two nodes against one (baseline column: one node, Holdspace column: two)`,
      baseline: ms(one),
      holdspace: ms(two),
      ratio: times(two / one),
      target: `≤ ${TWO_OVER_ONE}×`,
      met: two <= TWO_OVER_ONE * one && healthy(f.twoPg.result) ? 'yes' : 'NO',
    },
    {
      metric: `cluster: log entries per second through the PostgreSQL live store, grouped, ${f.logRate.sessions.toLocaleString('en')} sessions each keeping one append out`,
      baseline: '—',
      holdspace: `${f.logRate.entriesPerSecond.toLocaleString('en')}/s`,
      ratio: '—',
      target: `≥ ${LOG_ENTRIES_PER_SECOND.toLocaleString('en')}/s`,
      met: f.logRate.entriesPerSecond >= LOG_ENTRIES_PER_SECOND ? 'yes' : 'NO',
    },
  ];
}

const busy = (nodes: SteadyRun['nodes']) => nodes.map((s) => `${(s.busy * 100).toFixed(0)}%`).join(' + ');
const delay = (nodes: SteadyRun['nodes']) => nodes.map((s) => ms(s.loopDelay.p99)).join(' + ');
const waiting = (nodes: SteadyRun['nodes']) =>
  nodes.some((s) => s.poolWaiting !== null)
    ? `, queries waiting for a pool connection at its end ${nodes.map((s) => s.poolWaiting).join(' + ')}`
    : '';
const runLine = (label: string, { result: r, nodes }: SteadyRun) =>
  `${label} ${r.ok}/${r.sent} accepted${describeTrouble(r)}, ack p99 ${ms(r.ack.p99)}, server busy ${busy(nodes)} ` +
  `(loop delay p99 ${delay(nodes)}${waiting(nodes)}), generator busy ${(r.generatorBusy * 100).toFixed(0)}%`;

/** The cluster part's notes: how it was measured, and each run's health. */
export function steadyNotes(f: SteadyFigures, { warmMs, runMs, rounds }: { warmMs: number; runMs: number; rounds: number }): string[] {
  const { logRate: l } = f;
  const warmUp = (label: string, { warmUp: w }: SteadyRun) => `${label} p50 ${ms(w.p50)} / p99 ${ms(w.p99)}`;
  const byRound = (label: string, { rounds: p99s }: SteadyRun) => `${label} ${p99s.map(ms).join(', ')}`;
  return [
    `Cluster part (bench/cluster/steady.ts; BENCH_ONLY=cluster runs it alone): ${runMs / 1000} s measured per configuration, in ${rounds} rounds of ${runMs / rounds / 1000} s interleaved (each round runs every configuration in turn while the others stay connected and idle, the order turning by one each round; each figure pools its rounds' samples), after ${warmMs / 1000} s of the same load unmeasured, each on fresh processes with a generator of its own and, on PostgreSQL, a fresh database on one PostgreSQL server (the throwaway one of test/support/postgres.ts: fsync and synchronous_commit on, on this machine's disk — or HOLDSPACE_TEST_DATABASE_URL's). Sessions are seeded through the stores before the servers start (bench/cluster/seed-postgres.ts on PostgreSQL). With two nodes, every screen of a session goes to one node, half the sessions to each, so each node owns the sessions its screens join; both nodes, the database and the generator share these 2 cores. The floor is the bare Socket.IO server putting each turn's commands into a table keyed (session, version) with one multi-row INSERT, one group out at a time, before it acks and broadcasts (bench/servers/insert-log.ts).`,
    `Cluster runs: ${[
      runLine('SQLite', f.sqlite),
      runLine('PostgreSQL 1 node', f.onePg),
      runLine('PostgreSQL 2 nodes', f.twoPg),
      runLine('PostgreSQL floor', f.floor),
    ].join('; ')}.`,
    `Each round's all-screens p99 alone, in round order: ${[
      byRound('SQLite', f.sqlite),
      byRound('PostgreSQL 1 node', f.onePg),
      byRound('PostgreSQL 2 nodes', f.twoPg),
      byRound('PostgreSQL floor', f.floor),
    ].join('; ')}.`,
    `Warm-ups (the first ${warmMs / 1000} s after the screens joined: each session's first command reading its log's command ids, the command path's first runs), all screens: ${[
      warmUp('SQLite', f.sqlite),
      warmUp('PostgreSQL 1 node', f.onePg),
      warmUp('PostgreSQL 2 nodes', f.twoPg),
      warmUp('PostgreSQL floor', f.floor),
    ].join('; ')}.`,
    `Log entries per second (bench/cluster/log-rate.ts, also run alone by bench/pg-log.ts): ${l.sessions} sessions each appending its next entry as soon as the last is committed, one in 16 with its snapshot, for ${l.seconds} s: ${l.entriesPerSecond.toLocaleString('en')} entries/s, ${l.entriesPerGroup} per group, append p50 ${l.appendMs.p50} ms / p99 ${l.appendMs.p99} ms, ${l.clientCpuMicrosPerEntry} µs of the writer's CPU per entry.`,
  ];
}
