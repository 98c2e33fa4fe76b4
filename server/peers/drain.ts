import type http from 'node:http';
import type { LiveCore } from '../live/core.js';
import type { LiveSessions } from '../live/live-sessions.js';
import type { Logger } from '../logger.js';

/** Sessions handed over at once: each waits for its queue and its last append, so a few at a time. */
const BATCH = 50;

export interface DrainDeps {
  core: Pick<LiveCore, 'handOver'>;
  sessions: Pick<LiveSessions, 'heldIds'>;
  /** Stops taking connections: the proxy then sends reconnecting screens to another process. */
  stopListening(): void;
  logger: Logger;
}

/**
 * A planned stop (SIGTERM) of a process sharing PostgreSQL with others (docs/operations.md):
 * its health check already fails; it stops taking connections, then hands its sessions over in
 * batches — each once the commands in its queue are answered and on disk, its screens told to
 * reconnect, which the proxy sends elsewhere, where the first join claims it. Nothing is forwarded:
 * a screen's unanswered command is sent again, with its commandId, to the new owner (P56).
 */
export async function drain(deps: DrainDeps): Promise<{ handedOver: number; ms: number }> {
  const { core, sessions, logger } = deps;
  const started = performance.now();
  deps.stopListening();
  const ids = sessions.heldIds();
  for (let i = 0; i < ids.length; i += BATCH) await Promise.all(ids.slice(i, i + BATCH).map((id) => core.handOver(id)));
  const ms = Math.round(performance.now() - started);
  logger.info({ sessions: ids.length, ms }, 'drained: every live session handed over');
  return { handedOver: ids.length, ms };
}

/** Stops a server taking new connections while the open ones go on (http.Server.close alone). */
export function stopListening(...servers: (http.Server | null)[]): () => void {
  return () => {
    for (const server of servers) if (server?.listening) server.close();
  };
}
