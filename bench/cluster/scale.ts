import { startCluster } from '../../test/cluster/support/cluster.js';
import type { Screen } from '../../test/faults/support/screen.js';
import { summarise } from '../stats.js';
import { busiestOwner, clinicAddress, productionTtl, sleep, timeToAck, type Log } from './common.js';

export interface ScaleFigures {
  /** Sessions seeded (about twice those on the killed node). */
  sessions: number;
  orphaned: number;
  failoverMs: number[];
  failedProbes: string[];
  seedMs: number;
  joinMs: number;
}

/** Screens join this many at a time: thousands of handshakes at once would be the bench's own stall. */
const JOIN_BATCH = 100;
/** Each lead account leads at most this many sessions: its screens stay within SocketLimits.socketsPerAccount (12). */
const SESSIONS_PER_LEAD = 10;
/** A batch of screens not joined in this long ends the part (reported, not waited for). */
const JOIN_LIMIT_MS = 120_000;

/**
 * Failover at scale: 2 nodes behind the shipped nginx, `sessions` sessions (each one lead screen,
 * hashed by nginx on its session, each lead's from its clinic's address), kill -9 of the node owning most; each orphaned session's screen
 * probes with a note at the kill, and the time to its ack is its failover.
 */
export async function failoverAtScale(sessions: number, log: Log): Promise<ScaleFigures> {
  const seedStarted = performance.now();
  const c = await startCluster({ nodes: 2, sessions, proxy: true, envOf: productionTtl, sessionsPerLead: SESSIONS_PER_LEAD });
  const seedMs = performance.now() - seedStarted;
  try {
    const joinStarted = performance.now();
    const screens: Screen[] = [];
    for (let i = 0; i < c.sessionIds.length; i += JOIN_BATCH) {
      const batch = c.sessionIds
        .slice(i, i + JOIN_BATCH)
        .map((id, k) => c.screen(c.nginx!.url, 'lead', id, clinicAddress(i + k, SESSIONS_PER_LEAD)));
      const joined = await Promise.race([
        Promise.all(batch.map((s) => s.joined())).then(() => true),
        sleep(JOIN_LIMIT_MS).then(() => false),
      ]);
      if (!joined) throw new Error(`screens ${i}–${i + JOIN_BATCH} of ${sessions} not joined after ${JOIN_LIMIT_MS / 1000} s`);
      screens.push(...batch);
    }
    const joinMs = performance.now() - joinStarted;
    log(
      `cluster-faults: ${sessions} sessions seeded in ${(seedMs / 1000).toFixed(1)} s, their screens joined in ${(joinMs / 1000).toFixed(1)} s`,
    );
    const { victim, owned } = await busiestOwner(c);
    await victim.kill9();
    const probes = await Promise.all(owned.map((id) => timeToAck(screens.find((s) => s.sessionId === id)!)));
    const failoverMs = probes.flatMap((p) => (p.ms === null ? [] : [p.ms]));
    const failedProbes = probes.flatMap((p) => (p.ms === null ? [p.code!] : []));
    log(
      `cluster-faults: kill -9 with ${owned.length} sessions on the dead node: kill → first ack p50 ${Math.round(summarise(failoverMs).p50)} ms, ` +
        `p99 ${Math.round(summarise(failoverMs).p99)} ms, max ${Math.round(Math.max(...failoverMs))} ms` +
        (failedProbes.length ? `, ${failedProbes.length} probes failed (${[...new Set(failedProbes)].join(', ')})` : ''),
    );
    return { sessions, orphaned: owned.length, failoverMs, failedProbes, seedMs, joinMs };
  } finally {
    await c.close();
  }
}
