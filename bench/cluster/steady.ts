import path from 'node:path';
import { freshDatabase, type TestDatabase } from '../../test/support/postgres.js';
import type { Child, ForcedGc } from '../ipc.js';
import type { RunResult } from '../load.js';
import { openSeeder, syntheticSessions, type BenchAccounts, type BenchSession } from '../seed.js';
import { measureLogRate, type LogRate } from './log-rate.js';
import { poolNodes, poolRuns, type NodeSlot } from './pooled.js';
import { seedPostgres } from './seed-postgres.js';

/**
 * The bench's `cluster` part, steady state (issue 19 "Benchmark"): in one run, the same load —
 * `sessions` sessions × 3 screens, 1 command/s each, open loop — against SQLite Holdspace,
 * PostgreSQL Holdspace on one node, on two nodes sharing one database (each session's screens all
 * on one node, half the sessions on each: a session is owned by the node its first join reaches),
 * and the PostgreSQL floor (the bare Socket.IO server with one grouped INSERT per event-loop turn,
 * bench/servers/insert-log.ts). Then grouped log entries per second on the same PostgreSQL server.
 * Each configuration gets a fresh database, fresh processes and a generator of its own; all four
 * stay up together, and their measured runs are interleaved in rounds (`interleave`). The
 * PostgreSQL server is the throwaway one of test/support/postgres.ts (fsync on), or
 * HOLDSPACE_TEST_DATABASE_URL's.
 */
/** BENCH_CPU_PROF=dir: a V8 CPU profile of the first Holdspace node during each run. */
const PROFILE_DIR = process.env.BENCH_CPU_PROF ?? null;

export interface SteadyPlan {
  sessions: number;
  runMs: number;
  /**
   * The same load, unmeasured, before each measured run: the first seconds after a start include
   * every session's first command reading its log's command ids and the command path's first
   * runs (a start-up, which the failover figures measure), not the steady state. Its p99 is
   * reported beside.
   */
  warmMs: number;
  /** The measured `runMs` is split into this many slots per configuration, interleaved (`interleave`). */
  rounds: number;
  settleMs: number;
  logRateSeconds: number;
}

interface NodeStats {
  cpuMs: number;
  /** PostgreSQL Holdspace: queries waiting for a pool connection when asked (null or absent elsewhere). */
  poolWaiting?: number | null;
  busy: number;
  loopDelay: { p99: number; max: number };
  gc: { count: number; totalMs: number; maxMs: number };
}
interface Node {
  child: Child;
  url: string;
  stats(gc?: ForcedGc): Promise<NodeStats>;
}

export interface Deps {
  plan: SteadyPlan;
  /** A copy of the seeded SQLite accounts' database, for the SQLite run alone. */
  sqliteDir: string;
  accounts: BenchAccounts;
  accountCounts: { leads: number; cos: number };
  startServer: (kind: 'holdspace' | 'baseline', env: Record<string, string>) => Promise<Node>;
  startLoad: () => Promise<Child>;
  signIn: (url: string, email: string) => Promise<string>;
  log: (line: string) => void;
}

/** One configuration's run: the generator's figures, and each node's over the same seconds. */
export interface SteadyRun {
  result: RunResult;
  /** The unmeasured warm-up's all-screens figures (`SteadyPlan.warmMs`). */
  warmUp: RunResult['all'];
  /** Each round's all-screens p99 alone, in round order: how much one slot's tail moves. */
  rounds: number[];
  /** `poolWaiting`: queries queued for the node's PostgreSQL pool at the end of the run (null off PostgreSQL). */
  nodes: { busy: number; cpuMs: number; loopDelay: { p99: number; max: number }; poolWaiting: number | null }[];
}

export interface SteadyFigures {
  sqlite: SteadyRun;
  onePg: SteadyRun;
  twoPg: SteadyRun;
  floor: SteadyRun;
  logRate: LogRate;
}

export async function benchSteady(deps: Deps): Promise<SteadyFigures> {
  const { plan, log } = deps;
  const n = plan.sessions;
  log(
    `cluster: ${n} sessions × 3 screens at 1 cmd/s, ${plan.warmMs / 1000} s warm-up each, then ${plan.rounds} rounds of ` +
      `${plan.runMs / plan.rounds / 1000} s per configuration, interleaved`,
  );
  const databases: TestDatabase[] = [];
  const onPostgres = async () => {
    const database = await freshDatabase();
    databases.push(database);
    return database.url;
  };
  const deployed: Deployment[] = [];
  try {
    const sqliteSessions = (() => {
      const seeder = openSeeder(deps.sqliteDir, deps.accounts);
      const made = seeder.addSessions(n);
      seeder.close();
      return made;
    })();
    deployed.push(
      await deploy(deps, 'SQLite', [await deps.startServer('holdspace', { BENCH_DATA_DIR: deps.sqliteDir })], {
        sessions: sqliteSessions,
        accounts: deps.accounts,
      }),
    );
    const oneUrl = await onPostgres();
    const oneSeeded = await seedPostgres(oneUrl, deps.accountCounts, n);
    deployed.push(await deploy(deps, 'PostgreSQL, 1 node', [await holdspaceOn(deps, oneUrl)], oneSeeded));
    const twoUrl = await onPostgres();
    const twoSeeded = await seedPostgres(twoUrl, deps.accountCounts, n);
    // One after the other: the second starts on a database the first has migrated.
    const a = await holdspaceOn(deps, twoUrl);
    const b = await holdspaceOn(deps, twoUrl);
    deployed.push(await deploy(deps, 'PostgreSQL, 2 nodes', [a, b], twoSeeded));
    const floorUrl = await onPostgres();
    deployed.push(
      await deploy(deps, 'PostgreSQL floor', [await deps.startServer('baseline', { BENCH_BARE_PG: floorUrl })], {
        sessions: syntheticSessions(n),
        accounts: null,
      }),
    );
    const [sqlite, onePg, twoPg, floor] = await interleave(deps, deployed);
    for (const d of deployed.splice(0)) await d.stop();
    const logRate = await measureLogRate(await onPostgres(), n, plan.logRateSeconds);
    log(
      `cluster: grouped log entries ${logRate.entriesPerSecond.toLocaleString('en')}/s at ${n} sessions ` +
        `(${logRate.entriesPerGroup} per group; append p50 ${logRate.appendMs.p50} ms, p99 ${logRate.appendMs.p99} ms)`,
    );
    return { sqlite: sqlite!, onePg: onePg!, twoPg: twoPg!, floor: floor!, logRate };
  } finally {
    for (const d of deployed) await d.stop();
    for (const database of databases) await database.drop();
  }
}

const holdspaceOn = (deps: Deps, url: string) =>
  // BENCH_DATA_DIR: the secret is given, so a PostgreSQL node keeps nothing there; the SQLite copy is never opened.
  deps.startServer('holdspace', { BENCH_DATA_DIR: deps.sqliteDir, BENCH_DATABASE_URL: url });

/** A configuration ready to measure: its nodes, its own generator with every screen joined, warmed up. */
interface Deployment {
  label: string;
  nodes: Node[];
  load: Child;
  sessions: number;
  profiled: boolean;
  warmUp: RunResult['all'];
  stop(): Promise<void>;
}

/**
 * Connects the sessions' screens — session i to node i mod nodes, all three of its screens — with
 * a generator of its own, lets the nodes settle (an idle, then one full GC each: bench/run.ts says
 * why), then runs the warm-up. The deployment stays up, idle, until `stop`.
 */
async function deploy(
  deps: Deps,
  label: string,
  nodes: Node[],
  seeded: { sessions: BenchSession[]; accounts: BenchAccounts | null },
): Promise<Deployment> {
  const { plan, log } = deps;
  const load = await deps.startLoad();
  const stop = async () => {
    await load.stop();
    await Promise.all(nodes.map((node) => node.child.stop()));
  };
  try {
    // Sign-ins are kept in the shared database: one node's cookies are good on every node.
    const { accounts } = seeded;
    const cookies = accounts
      ? {
          leadCookies: await Promise.all(accounts.leads.map((a) => deps.signIn(nodes[0]!.url, a.email))),
          coCookies: await Promise.all(accounts.cos.map((a) => deps.signIn(nodes[0]!.url, a.email))),
        }
      : { leadCookies: [], coCookies: [] };
    for (const [i, node] of nodes.entries()) {
      const sessions = seeded.sessions.filter((_, k) => k % nodes.length === i);
      const { ms } = await load.call<{ ms: number }>('connect', { url: node.url, ...cookies, sessions });
      log(`cluster, ${label}: ${sessions.length} sessions × 3 screens joined on node ${i + 1} in ${(ms / 1000).toFixed(1)} s`);
    }
    await new Promise((r) => setTimeout(r, plan.settleMs));
    await Promise.all(nodes.map((node) => node.stats('settle')));
    const warm = await load.call<RunResult>('run', { sessions: seeded.sessions.length, periodMs: 1000, durationMs: plan.warmMs });
    log(
      `cluster, ${label}: warm-up ${plan.warmMs / 1000} s, all screens p50 ${warm.all.p50.toFixed(2)} ms, p99 ${warm.all.p99.toFixed(2)} ms`,
    );
    // Holdspace only: the bare server has no profiler.
    const profiled = PROFILE_DIR !== null && seeded.accounts !== null;
    return { label, nodes, load, sessions: seeded.sessions.length, profiled, warmUp: warm.all, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * The measured runs, interleaved: `plan.rounds` rounds, each running every configuration for
 * runMs / rounds while the others stay connected and idle, the order turning by one each round.
 * The machine's slow changes (another tenant, the page cache, PostgreSQL's checkpoints) then fall
 * on every configuration alike instead of on whichever ran at that minute, so their ratios compare
 * like with like. Each configuration's figures pool its slots' samples.
 */
async function interleave(deps: Deps, deployed: Deployment[]): Promise<SteadyRun[]> {
  const { plan, log } = deps;
  const slots = deployed.map(() => ({ runs: [] as RunResult[], nodes: [] as NodeSlot[][] }));
  for (const d of deployed) if (d.profiled) await d.nodes[0]!.child.call('profileStart');
  for (let round = 0; round < plan.rounds; round++) {
    for (let k = 0; k < deployed.length; k++) {
      const i = (round + k) % deployed.length;
      const d = deployed[i]!;
      await new Promise((r) => setTimeout(r, 500));
      const before = await Promise.all(d.nodes.map((node) => node.stats()));
      const result = await d.load.call<RunResult>('run', {
        sessions: d.sessions,
        periodMs: 1000,
        durationMs: plan.runMs / plan.rounds,
        samples: true,
      });
      const after = await Promise.all(d.nodes.map((node) => node.stats()));
      slots[i]!.runs.push(result);
      slots[i]!.nodes.push(
        after.map((s, j) => ({
          busy: s.busy,
          cpuMs: s.cpuMs - before[j]!.cpuMs,
          loopDelay: s.loopDelay,
          poolWaiting: s.poolWaiting ?? null,
          elapsedMs: result.elapsedMs,
        })),
      );
      log(`cluster, ${d.label}, round ${round + 1}: all screens p50 ${result.all.p50.toFixed(2)} ms, p99 ${result.all.p99.toFixed(2)} ms`);
    }
  }
  return Promise.all(
    deployed.map(async (d, i) => {
      if (d.profiled) {
        const file = path.resolve(PROFILE_DIR!, `cluster-${d.label.replace(/\W+/g, '-')}-${Date.now()}.cpuprofile`);
        log(
          `cluster, ${d.label}: CPU profile of node 1 ${await d.nodes[0]!.child.call('profileStop', { file })} (npx tsx bench/profile.ts FILE)`,
        );
      }
      const result = poolRuns(slots[i]!.runs);
      const run: SteadyRun = {
        result,
        rounds: slots[i]!.runs.map((r) => r.all.p99),
        warmUp: d.warmUp,
        nodes: poolNodes(slots[i]!.nodes),
      };
      log(
        `cluster, ${d.label}: all screens p50 ${result.all.p50.toFixed(2)} ms, p99 ${result.all.p99.toFixed(2)} ms; ack p99 ` +
          `${result.ack.p99.toFixed(2)} ms; ${result.ok}/${result.sent} accepted${describeTrouble(result)}; node busy ` +
          run.nodes.map((s) => `${(s.busy * 100).toFixed(0)}%`).join(' + ') +
          (run.nodes[0]!.poolWaiting === null
            ? ''
            : `; queries waiting for a pool connection ${run.nodes.map((s) => s.poolWaiting).join(' + ')}`),
      );
      return run;
    }),
  );
}

/** What went wrong in a run, if anything ('' when nothing). */
export function describeTrouble(r: RunResult): string {
  const parts = [
    Object.keys(r.rejected).length ? `rejected ${JSON.stringify(r.rejected)}` : '',
    r.lost ? `${r.lost} never acked` : '',
    r.incomplete ? `${r.incomplete} not on every screen` : '',
    r.disconnects ? `${r.disconnects} screens disconnected` : '',
  ].filter(Boolean);
  return parts.length ? ` (${parts.join(', ')})` : '';
}
