import { startCluster, type Cluster } from '../../test/cluster/support/cluster.js';
import { findViolations, pressAway, settled } from '../../test/cluster/support/load.js';
import type { Screen } from '../../test/faults/support/screen.js';
import { seeded } from '../../test/support/seeded.js';
import { addToTally, busiestOwner, emptyTally, productionTtl, screensOf, sleep, timeToAck, type Log, type Tally } from './common.js';

export interface CrashFigures {
  runs: number;
  seeds: number[];
  tally: Tally;
  /** Kill (or freeze) → first ack on a survivor, ms, one per orphaned session that got one. */
  failoverMs: number[];
  /** Probes refused or never answered, with their codes. */
  failedProbes: string[];
}

/**
 * kill -9 runs: a fresh 3-node cluster behind the shipped nginx, 6 sessions with a lead's and a
 * co-facilitator's screen pressing; after 1–3 s (seeded) the node owning most sessions is killed
 * and each orphaned session is probed with a note. Then the invariants are counted.
 */
export async function killRuns(runs: number, firstSeed: number, log: Log): Promise<CrashFigures> {
  const figures: CrashFigures = { runs, seeds: [], tally: emptyTally(), failoverMs: [], failedProbes: [] };
  for (let run = 0; run < runs; run++) {
    const seed = firstSeed + run;
    figures.seeds.push(seed);
    const rand = seeded(seed);
    const c = await startCluster({ nodes: 3, sessions: 6, proxy: true, envOf: productionTtl });
    try {
      const screens = screensOf(c, () => c.nginx!.url);
      await Promise.all(screens.map((s) => s.joined()));
      const load = pressAway(screens, (s) => c.actorOf(s), rand);
      await sleep(1_000 + Math.floor(rand() * 2_000));
      const { victim, owned } = await busiestOwner(c);
      await victim.kill9();
      const probes = await Promise.all(owned.map((id) => timeToAck(screens.find((s) => s.sessionId === id)!)));
      await load.stop();
      await settled(screens);
      recordProbes(figures, probes, seed);
      const found = await findViolations(c.pool, screens);
      addToTally(figures.tally, found, screens, seed);
      log(
        `cluster-faults: kill -9 run ${run + 1}/${runs} (seed ${seed}): ${owned.length} sessions orphaned, kill → first ack ${list(probes)}; ${brokenLine(found)}`,
      );
    } finally {
      await c.close();
    }
  }
  return figures;
}

export interface PauseFigures extends CrashFigures {
  /** First ack on the new owner → every survivor's screen of that session holds that version, ms. */
  convergedMs: number[];
}

/**
 * Pause runs: 2 nodes (no proxy, so the screens choose their node), the production TTL; screens
 * on the owner press, the owner is frozen (SIGSTOP), screens on the survivor join and probe, the
 * owner wakes (SIGCONT) into a fenced epoch, and the invariants are counted over both sides.
 */
export async function pauseRuns(runs: number, firstSeed: number, log: Log): Promise<PauseFigures> {
  const figures: PauseFigures = { runs, seeds: [], tally: emptyTally(), failoverMs: [], failedProbes: [], convergedMs: [] };
  for (let run = 0; run < runs; run++) {
    const seed = firstSeed + run;
    figures.seeds.push(seed);
    const rand = seeded(seed);
    const c = await startCluster({ nodes: 2, sessions: 2, envOf: productionTtl });
    try {
      const [a, b] = c.nodes as [Cluster['nodes'][0], Cluster['nodes'][0]];
      const onA = screensOf(c, () => a.url);
      await Promise.all(onA.map((s) => s.joined()));
      const load = pressAway(onA, (s) => c.actorOf(s), rand);
      await sleep(1_000 + Math.floor(rand() * 1_000));

      a.signal('SIGSTOP');
      const frozenAt = performance.now();
      const onB = screensOf(c, () => b.url);
      await Promise.all(onB.map((s) => s.joined()));
      const probe = await timeToAck(onB[0]!);
      const takeover = performance.now() - frozenAt;
      recordProbes(figures, [{ ...probe, ms: probe.ms === null ? null : takeover }], seed);
      if (probe.ms !== null)
        figures.convergedMs.push(
          await converged(
            onB.filter((s) => s.sessionId === onB[0]!.sessionId),
            probe.version,
          ),
        );
      const loadB = pressAway(onB, (s) => c.actorOf(s), rand);
      await sleep(1_000);

      a.signal('SIGCONT');
      await sleep(1_500);
      await load.stop();
      for (const s of onA) s.close();
      await loadB.stop();
      await settled(onB);
      const found = await findViolations(c.pool, [...onA, ...onB]);
      addToTally(figures.tally, found, onB, seed);
      log(
        `cluster-faults: pause run ${run + 1}/${runs} (seed ${seed}): freeze → first ack on the survivor ${list([{ ...probe, ms: takeover }])}, ` +
          `survivor's screens converged ${Math.round(figures.convergedMs.at(-1) ?? NaN)} ms later; ${brokenLine(found)}`,
      );
    } finally {
      c.nodes[0]!.signal('SIGCONT');
      await c.close();
    }
  }
  return figures;
}

/** Milliseconds until every one of `screens` holds `version` (measured from now, capped at 10 s). */
async function converged(screens: readonly Screen[], version: number): Promise<number> {
  const started = performance.now();
  await Promise.all(screens.map((s) => s.reach(version).catch(() => undefined)));
  return performance.now() - started;
}

function recordProbes(figures: CrashFigures, probes: Awaited<ReturnType<typeof timeToAck>>[], seed: number): void {
  for (const p of probes) {
    if (p.ms === null) figures.failedProbes.push(`seed ${seed}: ${p.code}`);
    else figures.failoverMs.push(p.ms);
  }
}

/** A run's acknowledged count and broken invariants, for its log line (so a cut-short run still says what it saw). */
const brokenLine = (found: Awaited<ReturnType<typeof findViolations>>) =>
  `${found.acked} acked, ${found.violations.length} invariants broken${found.violations.length ? `: ${found.violations.map((v) => v.detail).join('; ')}` : ''}`;

const list = (probes: { ms: number | null; code?: string }[]) =>
  probes.map((p) => (p.ms === null ? p.code : `${Math.round(p.ms)} ms`)).join(', ');
