import type { Server, Socket } from 'socket.io';
import { failure, type Ack, type StateUpdate, type ClientToServerEvents, type ServerToClientEvents } from '../../shared/protocol.js';
import { joinPayloadSchema, pingPayloadSchema } from '../../shared/schemas/socket.js';
import { idSchema } from '../../shared/schemas/common.js';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { createCommandPipeline } from '../live/commands.js';
import type { LiveRegistry } from '../live/registry.js';
import type { Store } from '../store/types.js';
import { describeIssues } from '../validation.js';
import type { SocketData } from './auth.js';
import { tokenBucket } from './rate-limit.js';

export type HoldspaceServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type HoldspaceSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export const roomOf = (sessionId: string) => `session:${sessionId}`;

interface Deps {
  io: HoldspaceServer;
  store: Store;
  clock: Clock;
  config: Config;
  logger: Logger;
  registry: LiveRegistry;
  handleCommand: ReturnType<typeof createCommandPipeline>;
}

/** Wires one connected facilitator screen: join (with resync), command, leave, clock ping. */
export function registerHandlers(socket: HoldspaceSocket, deps: Deps): void {
  const { io, store, clock, config, logger, registry, handleCommand } = deps;
  const take = tokenBucket(config.commandBurst, config.commandsPerSecond, () => clock.now());

  socket.on('session:join', (raw, ack) =>
    answer(ack, logger, () => {
      const parsed = joinPayloadSchema.safeParse(raw);
      if (!parsed.success) return failure('BAD_REQUEST', describeIssues(parsed.error));
      const { sessionId, knownVersion } = parsed.data;
      const live = registry.find(sessionId);
      const row = live?.row ?? store.sessions.get(sessionId);
      if (!row) return failure('NOT_FOUND');
      const userId = socket.data.userId;
      if (row.leadId !== userId && row.coFacilitatorId !== userId) return failure('FORBIDDEN');
      void socket.join(roomOf(sessionId));
      const version = live?.version ?? row.version;
      const update = version > knownVersion ? (live ? registry.update(live, null) : registry.storedUpdate(row)) : null;
      return { ok: true, version, serverNow: clock.now(), update };
    }),
  );

  socket.on('session:leave', (raw, ack) =>
    answer(ack, logger, () => {
      const parsed = idSchema.safeParse((raw as { sessionId?: unknown } | null)?.sessionId);
      if (!parsed.success) return failure('BAD_REQUEST', describeIssues(parsed.error));
      void socket.leave(roomOf(parsed.data));
      return { ok: true };
    }),
  );

  socket.on('session:command', (raw, ack) => {
    let broadcast: StateUpdate | null = null;
    answer(ack, logger, () => {
      if (clock.now() >= socket.data.expiresAt) {
        setImmediate(() => socket.disconnect(true));
        return failure('UNAUTHENTICATED');
      }
      if (!take()) return failure('RATE_LIMITED');
      const outcome = handleCommand(socket.data.userId, raw);
      broadcast = outcome.broadcast;
      return outcome.ack;
    });
    // After the ack, on the same connection: the sender learns its result before the new state.
    if (broadcast) io.to(roomOf((broadcast as StateUpdate).sessionId)).emit('session:state', broadcast);
  });

  socket.on('clock:ping', (raw, ack) =>
    answer(ack, logger, () => {
      const parsed = pingPayloadSchema.safeParse(raw);
      if (!parsed.success) return failure('BAD_REQUEST', describeIssues(parsed.error));
      return { ok: true, serverNow: clock.now(), clientSentAt: parsed.data.clientSentAt };
    }),
  );
}

/** Every inbound message gets exactly one well-formed ack, whatever happens inside. */
function answer<T extends Ack>(ack: unknown, logger: Logger, work: () => T): void {
  let result: Ack;
  try {
    result = work();
  } catch (error) {
    logger.error({ err: error }, 'socket handler failed');
    result = failure('INTERNAL');
  }
  if (typeof ack === 'function') ack(result);
}
