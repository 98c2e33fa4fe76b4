import { createAdapter } from '@socket.io/postgres-adapter';
import type pg from 'pg';
import type { Server } from 'socket.io';

/**
 * What one Holdspace process tells the others, over the Socket.IO PostgreSQL adapter's
 * LISTEN/NOTIFY (docs/decisions/013-scale-out.md): control only, never a command or a state.
 * A lost message is caught up by each process's sweep (./sweep.ts).
 */
export interface InterServerEvents {
  /** Whoever owns the session gives it up: a screen of it reached another process (P56). */
  'holdspace:handover': (sessionId: string) => void;
  /** Whoever holds these sessions reads them back: their record changed (a co-facilitator replaced). */
  'holdspace:release': (sessionIds: string[]) => void;
  /** Whoever holds sessions of the group shows its new names (roster edited, member erased). */
  'holdspace:forget-names': (groupId: string) => void;
}

/** The adapter's own table, for a message over NOTIFY's 8,000 bytes; made with our migrations. */
export const ADAPTER_TABLE = 'socket_io_attachments';

/**
 * Joins this process's Socket.IO to the others on the same database: rooms, `fetchSockets` and
 * `disconnectSockets` then reach every process's sockets (sign-out, revocation, removal), and
 * `serverSideEmit` the control messages above. Session broadcasts stay local (`io.local`): every
 * screen of a session is on the process that owns it.
 */
export function joinCluster(io: Server, pool: pg.Pool, onError: (error: Error) => void): void {
  io.adapter(createAdapter(pool, { tableName: ADAPTER_TABLE, errorHandler: onError }));
}
