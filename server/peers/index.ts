import type http from 'node:http';
import type pg from 'pg';
import { createOwnership, type Ownership } from '../cluster/ownership.js';
import type { LiveCore } from '../live/core.js';
import type { LiveSessions } from '../live/live-sessions.js';
import type { SessionOwner } from '../live/owner.js';
import type { Logger } from '../logger.js';
import { roomOf, type HoldspaceServer } from '../socket/handlers.js';
import type { Store } from '../store/types.js';
import { joinPeers } from './control.js';
import { drain, stopListening } from './drain.js';
import { peerOwner } from './owner.js';
import { startClusterSweep } from './sweep.js';

export interface PeersConfig {
  pool: pg.Pool;
  /** Where this process is reached, recorded with its registration (operators read it in `nodes`). */
  url: string;
  ttlMs: number;
  /** How often the backstop sweep runs (./sweep.ts). */
  sweepMs: number;
  logger: Logger;
}

/**
 * One process among several on one PostgreSQL (docs/operations.md, decision 013): registered in
 * the ownership table before it serves; its live sessions claimed one by one as screens reach
 * them (`owner`, for the live core); the others' control messages heard; and a drain for SIGTERM.
 */
export async function startPeer({ pool, url, ttlMs, sweepMs, logger }: PeersConfig) {
  const ownership: Ownership = createOwnership({ pool, url, ttlMs });
  await ownership.register();
  let io: HoldspaceServer | null = null;
  let leaving = false;
  const owner: SessionOwner = peerOwner(
    ownership,
    (sessionId) => io?.serverSideEmit('holdspace:handover', sessionId),
    () => leaving,
  );
  let sweep: { stop(): void } | null = null;

  /** This process's screens of the session reconnect: through the proxy, they reach its owner. */
  const detach = (sessionId: string) => {
    if (!io) return;
    for (const id of io.of('/').adapter.rooms.get(roomOf(sessionId)) ?? []) io.of('/').sockets.get(id)?.conn.close();
  };

  return {
    owner,
    /** The registration this process appends under: only to sessions it owns (the store's fence, P58). */
    appendingAs: ownership.registration,
    /** Whether this process may serve now: registered and fresh (the health check asks it). */
    serving: () => ownership.mayAcknowledge(),
    /** Wires the parts that exist once the app is built. */
    attach(deps: { io: HoldspaceServer; sessions: LiveSessions; core: LiveCore; store: Store }) {
      io = deps.io;
      const { sessions, core } = deps;
      joinPeers(deps.io, pool, (error) => logger.warn({ err: error }, 'a message between processes failed'));
      sessions.peers = {
        release: (ids) => deps.io.serverSideEmit('holdspace:release', ids),
        forgetNames: (groupId) => deps.io.serverSideEmit('holdspace:forget-names', groupId),
      };
      deps.io.on('holdspace:handover', (sessionId) => {
        if (!sessions.get(sessionId)) return;
        void core.handOver(sessionId).then(() => detach(sessionId));
      });
      deps.io.on('holdspace:release', (ids) => ids.forEach((id) => sessions.release(id)));
      deps.io.on('holdspace:forget-names', (groupId) => sessions.forgetNames(groupId, true));
      // Fenced (a freeze, a lost connection): nothing held here may be acknowledged any more.
      ownership.on('fenced', (reason) => {
        logger.warn(
          { reason, sessions: sessions.size },
          'this process stopped serving its sessions: it was cut off from the database for too long',
        );
        const ids = sessions.heldIds();
        sessions.releaseAll();
        ids.forEach(detach);
      });
      ownership.on('registered', (epoch) => logger.info({ epoch }, 'registered with the other processes'));
      sweep = startClusterSweep({ io: deps.io, store: deps.store, sessions, logger, intervalMs: sweepMs });
    },
    /** SIGTERM: stop taking screens, hand every session over, then leave (./drain.ts). */
    async drain(deps: { sessions: LiveSessions; core: LiveCore; servers: (http.Server | null)[] }) {
      leaving = true;
      sweep?.stop();
      const { sessions, core } = deps;
      await drain({
        core: { handOver: (id) => core.handOver(id).then(() => detach(id)) },
        sessions,
        stopListening: stopListening(...deps.servers),
        logger,
      });
      await ownership.releaseAll();
    },
    close: () => ownership.close(),
  };
}
