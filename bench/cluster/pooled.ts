import type { RunResult } from '../load.js';
import { summarise } from '../stats.js';

/** One node's figures over one measured slot (bench/cluster/steady.ts). */
export interface NodeSlot {
  busy: number;
  cpuMs: number;
  loopDelay: { p99: number; max: number };
  poolWaiting: number | null;
  elapsedMs: number;
}

/**
 * One configuration's slots as one run: percentiles over every sample of every slot (not an
 * average of the slots' percentiles, which would understate a tail that fell in one slot), counts
 * summed, busy shares weighted by time, the loop's worst delays kept.
 */
export function poolRuns(runs: readonly RunResult[]): RunResult {
  const all = runs.flatMap((r) => r.samples?.all ?? missing());
  const ack = runs.flatMap((r) => r.samples?.ack ?? missing());
  const sum = (of: (r: RunResult) => number) => runs.reduce((n, r) => n + of(r), 0);
  const elapsedMs = sum((r) => r.elapsedMs);
  const rejected: Record<string, number> = {};
  for (const r of runs) for (const [code, n] of Object.entries(r.rejected)) rejected[code] = (rejected[code] ?? 0) + n;
  return {
    ack: summarise(ack),
    all: summarise(all),
    sent: sum((r) => r.sent),
    ok: sum((r) => r.ok),
    rejected,
    lost: sum((r) => r.lost),
    incomplete: sum((r) => r.incomplete),
    elapsedMs,
    generatorBusy: sum((r) => r.generatorBusy * r.elapsedMs) / elapsedMs,
    stateBytes: Math.round(sum((r) => r.stateBytes) / runs.length),
    disconnects: sum((r) => r.disconnects),
    generatorLoopDelay: worst(runs.map((r) => r.generatorLoopDelay)),
  };
}

/** Each node's slots as one: CPU summed, busy weighted by time, worst loop delays, the last pool queue. */
export function poolNodes(slots: readonly NodeSlot[][]): Omit<NodeSlot, 'elapsedMs'>[] {
  return slots[0]!.map((_, i) => {
    const mine = slots.map((slot) => slot[i]!);
    const elapsedMs = mine.reduce((n, s) => n + s.elapsedMs, 0);
    return {
      busy: mine.reduce((n, s) => n + s.busy * s.elapsedMs, 0) / elapsedMs,
      cpuMs: mine.reduce((n, s) => n + s.cpuMs, 0),
      loopDelay: worst(mine.map((s) => s.loopDelay)),
      poolWaiting: mine.at(-1)!.poolWaiting,
    };
  });
}

const worst = (delays: { p99: number; max: number }[]) => ({
  p99: Math.max(...delays.map((d) => d.p99)),
  max: Math.max(...delays.map((d) => d.max)),
});

function missing(): never {
  throw new Error('a run to be pooled was made without its samples (RunPlan.samples)');
}
