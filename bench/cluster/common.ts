import type { Screen } from '../../test/faults/support/screen.js';
import type { Cluster } from '../../test/cluster/support/cluster.js';
import type { Violation } from '../../test/cluster/support/load.js';

/** What production runs with (server/config.ts): the bench does not shorten the heartbeat TTL. */
export const PRODUCTION_TTL_MS = 10_000;
export const productionTtl = () => ({ OWNERSHIP_TTL_MS: String(PRODUCTION_TTL_MS) });

/** A probe that no answer reaches in this long counts as failed, so a hang ends the run. */
const PROBE_LIMIT_MS = 60_000;
const NOTE = { type: 'note.add', text: 'Still here.', memberId: null, private: false } as const;

export type Log = (message: string) => void;

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A lead's and a co-facilitator's screen on every session, at `url(sessionId)`, from `from(sessionId)` if given. */
export function screensOf(c: Cluster, url: (sessionId: string) => string, from?: (sessionId: string) => string): Screen[] {
  return c.sessionIds.flatMap((id) => [c.screen(url(id), 'lead', id, from?.(id)), c.screen(url(id), 'co', id, from?.(id))]);
}

/**
 * The loopback address of the clinic a session's screens connect from, one per `perClinic`
 * sessions: from one address, the limits per address (SocketLimits: handshakes, joins and
 * commands a second) would pace the screens and the bench would measure them, not the cluster.
 */
export function clinicAddress(sessionIndex: number, perClinic = 1): string {
  const clinic = Math.floor(sessionIndex / perClinic);
  return `127.1.${Math.floor(clinic / 250)}.${(clinic % 250) + 1}`;
}

/** A note sent now on `screen`: milliseconds until it is acknowledged (null if refused or unanswered), and its version. */
export async function timeToAck(screen: Screen): Promise<{ ms: number | null; version: number; code?: string }> {
  const started = performance.now();
  const outcome = await Promise.race([screen.send(NOTE).settled, sleep(PROBE_LIMIT_MS).then(() => null)]);
  if (!outcome) return { ms: null, version: -1, code: 'NO ANSWER' };
  if (!outcome.ok) return { ms: null, version: -1, code: outcome.code };
  return { ms: performance.now() - started, version: outcome.version };
}

/** The node owning the most of `sessionIds` now, and the sessions it owns. */
export async function busiestOwner(c: Cluster, sessionIds = c.sessionIds) {
  const owners = await Promise.all(sessionIds.map((id) => c.ownerOf(id)));
  const counts = c.nodes.map((node) => owners.filter((o) => o === node).length);
  const victim = c.nodes[counts.indexOf(Math.max(...counts))]!;
  return { victim, owned: sessionIds.filter((_, i) => owners[i] === victim) };
}

/** Violations by kind, over runs. */
export interface Tally {
  lost: number;
  twice: number;
  forked: number;
  notConverged: number;
  /** Commands still without an answer after settling (not a violation: never acknowledged). */
  unanswered: number;
  acked: number;
  /** The first few violations, to say what broke. */
  examples: string[];
}

export const emptyTally = (): Tally => ({ lost: 0, twice: 0, forked: 0, notConverged: 0, unanswered: 0, acked: 0, examples: [] });

export function addToTally(
  tally: Tally,
  found: { acked: number; violations: Violation[] },
  screens: readonly Screen[],
  seed: number,
): void {
  tally.acked += found.acked;
  tally.unanswered += screens.reduce((n, s) => n + s.unanswered, 0);
  for (const v of found.violations) {
    tally[v.kind]++;
    if (tally.examples.length < 5) tally.examples.push(`seed ${seed}: ${v.detail}`);
  }
}

export const violationCount = (t: Tally) => t.lost + t.twice + t.forked + t.notConverged;
export const describeTally = (t: Tally) =>
  `${t.lost} lost / ${t.twice} applied twice / ${t.forked} forked or gapped / ${t.notConverged} screens not converged (of ${t.acked.toLocaleString('en')} acknowledged; ${t.unanswered} left unanswered)`;
