import { killRuns, pauseRuns } from './cluster/crash.js';
import { describeTally, PRODUCTION_TTL_MS, violationCount, type Log } from './cluster/common.js';
import { plannedDrain } from './cluster/drain.js';
import { failoverAtScale } from './cluster/scale.js';
import { signOutAcrossNodes } from './cluster/sign-out.js';
import { ms, type Row } from './report.js';
import { summarise } from './stats.js';

/**
 * The `cluster-faults` part of `npm run bench` (issue 19's targets): Holdspace as several
 * processes on one PostgreSQL (test/cluster/support/cluster.ts: the shipped server, the shipped
 * nginx config, the shipped sync client on every screen), killed, frozen, drained, and signed out
 * across, all on 127.0.0.1. CLUSTER_SEED=n repeats a run's seeds (n, n+1, …).
 */
export const CLUSTER_PLAN = (quick: boolean) => ({
  killRuns: quick ? 3 : 20,
  pauseRuns: quick ? 1 : 5,
  /** Sessions on the node that is killed, about: twice as many are seeded on 2 nodes. */
  scale: quick ? [100] : [100, 1000],
  signOuts: 20,
});

/** CLUSTER_PARTS=part,part… runs some of them (for profiling one); a full run has them all. */
const PARTS = ['kill', 'pause', 'drain', 'sign-out', 'scale'];

export async function benchClusterFaults(quick: boolean, log: Log): Promise<{ rows: Row[]; notes: string[] }> {
  const plan = CLUSTER_PLAN(quick);
  const parts = new Set((process.env.CLUSTER_PARTS ?? PARTS.join(',')).split(','));
  const seed = Number(process.env.CLUSTER_SEED ?? Date.now() % 1_000_000);
  log(`cluster-faults: seed ${seed}`);
  const kills = parts.has('kill') ? await killRuns(plan.killRuns, seed, log) : null;
  const pauses = parts.has('pause') ? await pauseRuns(plan.pauseRuns, seed + 1000, log) : null;
  const drain = parts.has('drain') ? await plannedDrain(seed + 2000, log) : null;
  const signOut = parts.has('sign-out') ? await signOutAcrossNodes(plan.signOuts, log) : null;
  // Last: the largest, and the one a bounded run may not finish.
  const scaled = [];
  const scaleErrors: string[] = [];
  for (const onDeadNode of parts.has('scale') ? plan.scale : []) {
    try {
      scaled.push(await failoverAtScale(2 * onDeadNode, log));
    } catch (error) {
      // Reported as it happened (a hang or a refusal at this size), and the other parts still run.
      scaleErrors.push(`${2 * onDeadNode} sessions: ${String((error as Error).message ?? error).slice(0, 200)}`);
      log(`cluster-faults: failover at scale failed: ${scaleErrors.at(-1)}`);
    }
  }

  const failures = (failed: string[]) => (failed.length ? `; ${failed.length} probes got no ack (${failed.join(', ')})` : '');
  const rows: Row[] = [];
  if (kills) {
    const failover = summarise(kills.failoverMs);
    rows.push(
      row(
        `kill -9 of the busiest of 3 nodes behind nginx, ${kills.runs} seeded runs × 6 sessions × 2 screens pressing: acknowledged commands lost / applied twice / logs forked or gapped / screens not converged`,
        describeTally(kills.tally),
        '0',
        violationCount(kills.tally) === 0,
      ),
      row(
        `same runs: kill → first ack on a survivor, p50 / p99 over ${failover.count} orphaned sessions`,
        `${ms(failover.p50)} / ${ms(failover.p99)}${failures(kills.failedProbes)}`,
        '',
        null,
      ),
    );
  }
  if (pauses) {
    const takeover = summarise(pauses.failoverMs);
    const convergedMax = Math.max(...pauses.convergedMs);
    rows.push(
      row(
        `owner frozen (SIGSTOP) past the TTL (${PRODUCTION_TTL_MS / 1000} s), ${pauses.runs} runs: invariants broken`,
        describeTally(pauses.tally),
        '0',
        violationCount(pauses.tally) === 0,
      ),
      row(
        'same runs: freeze → first ack on the survivor, p50 / max',
        `${ms(takeover.p50)} / ${ms(takeover.max)}${failures(pauses.failedProbes)}`,
        `≤ TTL + 2 s (${(PRODUCTION_TTL_MS + 2000) / 1000} s)`,
        pauses.failedProbes.length === 0 && takeover.max <= PRODUCTION_TTL_MS + 2000,
      ),
      row(
        "same runs: first ack on the new owner → every survivor's screen of the session holds it, max",
        ms(convergedMax),
        '≤ 2 s',
        convergedMax <= 2000,
      ),
    );
  }
  for (const s of scaled) {
    const f = summarise(s.failoverMs);
    const target = s.orphaned >= 500 ? 15_000 : 5_000;
    rows.push(
      row(
        `kill -9 with ${s.orphaned.toLocaleString('en')} sessions on the dead node (${s.sessions.toLocaleString('en')} on 2 nodes behind nginx, one screen each, each lead's screens from an address of their own): kill → first ack, p50 / p99 / max`,
        `${ms(f.p50)} / ${ms(f.p99)} / ${ms(f.max)}${s.failedProbes.length ? `; p50 / p99 / max over the ${f.count} probes acked: ${s.failedProbes.length} got no ack within 60 s (${[...new Set(s.failedProbes)].join(', ')})` : ''}`,
        `p99 ≤ ${target / 1000} s`,
        s.failedProbes.length === 0 && f.p99 <= target,
      ),
    );
  }
  rows.push(...scaleErrors.map((e) => row('kill -9 at scale: not measured', e, '', false)));
  if (drain) {
    const gap = summarise(drain.gapsMs);
    const errors = Object.values(drain.errors).reduce((a, b) => a + b, 0);
    rows.push(
      row(
        `planned drain (SIGTERM) of the busiest of 3 nodes, ${drain.affected} of 20 sessions on it, screens pressing: per-session gap without an ack, p50 / p99 / max`,
        `${ms(gap.p50)} / ${ms(gap.p99)} / ${ms(gap.max)}`,
        'p99 ≤ 2 s',
        gap.p99 <= 2000,
      ),
      row(
        'same drain: commands settling with an error a person sees (not ok, STALE, WRONG_STATE or NOT_ALLOWED); invariants',
        `${errors}${errors ? ` ${JSON.stringify(drain.errors)}` : ''}; ${describeTally(drain.tally)}`,
        '0',
        errors === 0 && violationCount(drain.tally) === 0,
      ),
    );
  }
  if (signOut) {
    const closed = summarise(signOut.ms);
    rows.push(
      row(
        `sign-out on node A → the socket of that sign-in on node B disconnected, ${plan.signOuts} sign-outs: p50 / p99 / max`,
        `${ms(closed.p50)} / ${ms(closed.p99)} / ${ms(closed.max)}${signOut.missed ? `; ${signOut.missed} never closed` : ''}`,
        'p99 ≤ 1 s',
        signOut.missed === 0 && closed.p99 <= 1000,
      ),
    );
  }
  const examples = [kills, pauses, drain].flatMap((figures) => figures?.tally.examples ?? []);
  const seeds = [
    kills && `Kill -9 runs use seeds ${kills.seeds[0]}–${kills.seeds.at(-1)}`,
    pauses && `pause runs ${pauses.seeds[0]}–${pauses.seeds.at(-1)}`,
    drain && `the drain ${drain.seed}`,
  ].filter(Boolean);
  const notes = [
    `Cluster faults (bench/cluster-faults.ts, seed ${seed}; CLUSTER_SEED=${seed} repeats it): every node is the shipped server (server/index.ts) on one PostgreSQL with fsync on, the production heartbeat TTL (${PRODUCTION_TTL_MS / 1000} s); nginx runs the shipped deploy/nginx/holdspace.conf, and the nodes behind it TRUST_PROXY=loopback as docs/operations.md runs them; every screen is the shipped sync client (shared/sync/) over socket.io-client, retrying by itself. ${seeds.join(', ')}. A probe is a note sent at the kill (or freeze) on a screen of each orphaned session; its ack is the failover.`,
    drain
      ? `The drain gap is per session on the drained node: the longest stretch without an ack from its last ack before SIGTERM until 3 s after the process exited (${ms(drain.drainMs)} after SIGTERM); ${drain.retried} commands were retried by their screens.`
      : '',
    scaled.length
      ? `Seeding at scale (sessions made through the API one by one, then one screen each joined 100 at a time, each lead's 10 sessions from one address of 127.1.0.0/16): ${scaled.map((s) => `${s.sessions.toLocaleString('en')} sessions seeded in ${(s.seedMs / 1000).toFixed(0)} s, joined in ${(s.joinMs / 1000).toFixed(0)} s`).join('; ')}.`
      : '',
    examples.length ? `Broken invariants, first few: ${examples.join('; ')}.` : '',
  ].filter(Boolean);
  return { rows, notes };
}

const row = (metric: string, holdspace: string, target: string, met: boolean | null): Row => ({
  metric,
  baseline: '—',
  holdspace,
  ratio: '—',
  target,
  met: met === null ? '' : met ? 'yes' : 'NO',
});
