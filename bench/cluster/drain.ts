import { startCluster } from '../../test/cluster/support/cluster.js';
import { findViolations, pressAway, settled } from '../../test/cluster/support/load.js';
import { seeded } from '../../test/support/seeded.js';
import type { Outcome } from '../../shared/sync/outbox.js';
import { addToTally, busiestOwner, clinicAddress, emptyTally, productionTtl, screensOf, sleep, type Log, type Tally } from './common.js';

/**
 * A brisk facilitator's pace: a press about every quarter second on each screen. As fast as
 * answered, forty screens met the limits per session and per account (RATE_LIMITED, retried) and
 * the gap measured those, not the drain.
 */
const PACE_MS = 250;

/** Answers a person may see and act on, not errors: the screen shows the state that refused the press. */
const EXPECTED = new Set(['STALE', 'WRONG_STATE', 'NOT_ALLOWED']);

export interface DrainFigures {
  seed: number;
  affected: number;
  /** Per affected session: the longest time without an ack, from its last ack before SIGTERM on. */
  gapsMs: number[];
  /** Commands that settled with a code other than ok or EXPECTED, by code. */
  errors: Record<string, number>;
  /** Commands that went on the wire more than once (the sync client's own retries). */
  retried: number;
  drainMs: number;
  tally: Tally;
}

/**
 * Planned drain: 3 nodes behind nginx, 20 sessions, each with its own lead and co-facilitator
 * whose screens press from their clinic's address, SIGTERM of
 * the node owning most (server/peers/drain.ts hands its sessions over). Every ack is timed; the
 * presses go on for a while after the process has exited.
 */
export async function plannedDrain(seed: number, log: Log): Promise<DrainFigures> {
  const rand = seeded(seed);
  const c = await startCluster({ nodes: 3, sessions: 20, proxy: true, envOf: productionTtl, sessionsPerLead: 1 });
  try {
    const screens = screensOf(
      c,
      () => c.nginx!.url,
      (id) => clinicAddress(c.sessionIds.indexOf(id)),
    );
    await Promise.all(screens.map((s) => s.joined()));
    const acks = new Map<string, number[]>(c.sessionIds.map((id) => [id, []]));
    const errors: Record<string, number> = {};
    const heard = (sessionId: string, outcome: Outcome) => {
      if (outcome.ok) acks.get(sessionId)!.push(performance.now());
      else if (!EXPECTED.has(outcome.code)) errors[outcome.code] = (errors[outcome.code] ?? 0) + 1;
    };
    const load = pressAway(screens, (s) => c.actorOf(s), rand, {
      onSettled: (screen, outcome) => heard(screen.sessionId, outcome),
      paceMs: PACE_MS,
    });
    await sleep(2_000 + Math.floor(rand() * 1_000));
    const { victim, owned } = await busiestOwner(c);
    const termAt = performance.now();
    await victim.terminate();
    const drainMs = performance.now() - termAt;
    await sleep(3_000);
    const endAt = performance.now();
    await load.stop();
    await settled(screens);

    const gapsMs = owned.map((id) => longestGap(acks.get(id)!, termAt, endAt));
    const tally = emptyTally();
    addToTally(tally, await findViolations(c.pool, screens), screens, seed);
    const retried = screens.flatMap((s) => s.sent).filter((sent) => sent.attempts > 1).length;
    log(
      `cluster-faults: drain (seed ${seed}) of a node owning ${owned.length} sessions, exited after ${Math.round(drainMs)} ms; ` +
        `per-session gaps ${gapsMs.map((g) => Math.round(g)).join(', ')} ms; errors ${JSON.stringify(errors)}, ${retried} commands retried`,
    );
    return { seed, affected: owned.length, gapsMs, errors, retried, drainMs, tally };
  } finally {
    await c.close();
  }
}

/**
 * The longest stretch without an ack that overlaps the drain: from the last ack before `from` to
 * the first after it, and every later gap until `to` (a session standing still at the end counts).
 */
function longestGap(times: readonly number[], from: number, to: number): number {
  const before = times.filter((t) => t <= from).at(-1) ?? from;
  const points = [before, ...times.filter((t) => t > from), to];
  return Math.max(...points.slice(1).map((t, i) => t - points[i]!));
}
