import { createAdapter } from '@socket.io/postgres-adapter';
import type pg from 'pg';
import type { HoldspaceServer } from '../socket/handlers.js';

/** The adapter's own table, for a message over NOTIFY's 8,000 bytes; made by our migrations. */
export const ADAPTER_TABLE = 'socket_io_attachments';

/**
 * Joins this process's Socket.IO to the others on the same database (docs/decisions/013-scale-out.md):
 * rooms, `fetchSockets` and `disconnectSockets` then reach every process's sockets (sign-out,
 * revocation, lock, removal), and `serverSideEmit` carries the control messages of
 * ../socket/inter-server.ts. Session broadcasts stay local (`io.local`): every screen joined to a
 * session is on the process that owns it. A message lost with a dropped connection is caught up by
 * the sweep (./sweep.ts).
 */
export function joinPeers(io: HoldspaceServer, pool: pg.Pool, onError: (error: Error) => void): void {
  io.adapter(createAdapter(pool, { tableName: ADAPTER_TABLE, errorHandler: onError }));
}
