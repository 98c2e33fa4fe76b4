import type { Server, Socket } from 'socket.io';
import { failure, type Ack, type CommandAck, type Failure, type JoinAck, type StatePatch, type ClientToServerEvents, type ServerToClientEvents } from '../../shared/protocol.js';
import { joinPayloadSchema, pingPayloadSchema } from '../../shared/schemas/socket.js';
import { idSchema } from '../../shared/schemas/common.js';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { createCommandPipeline } from '../live/commands.js';
import type { SubmitCommand } from '../live/group-commit.js';
import type { LiveRegistry } from '../live/registry.js';
import type { Audit } from '../privacy/audit.js';
import type { Store } from '../store/types.js';
import { describeIssues } from '../validation.js';
import { clientAddress, type TrustProxy } from './address.js';
import { signInRefusal, type SocketData } from './auth.js';
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
  submitCommand: SubmitCommand;
  /** A join reads the whole record: each is audited (docs/privacy.md D2). */
  audit?: Pick<Audit, 'record'>;
  /** Which proxies to believe for the client's address (Express's `trust proxy fn`). */
  trustProxy?: TrustProxy;
}

/** Wires one connected facilitator screen: join (with resync), command, leave, clock ping. */
export function registerHandlers(socket: HoldspaceSocket, deps: Deps): void {
  const { io, clock, config, logger, registry, handleCommand, submitCommand } = deps;
  const take = tokenBucket(config.commandBurst, config.commandsPerSecond, () => clock.now());
  const address = clientAddress(socket.request, deps.trustProxy ?? (() => false));

  // Answered through the group commit like a command, so that the state it carries is on disk
  // before the screen sees it (../live/group-commit.ts).
  socket.on('session:join', (raw, ack) => {
    let room: string | null = null;
    submitCommand(
      () => ({
        ack: attempt(logger, (): JoinAck => {
          const parsed = joinPayloadSchema.safeParse(raw);
          if (!parsed.success) return failure('BAD_REQUEST', describeIssues(parsed.error, 'request to join'));
          const { sessionId, knownVersion } = parsed.data;
          const refused = signInRefusal(socket.data, deps.store, clock.now());
          if (refused) return failure(refused);
          const access = registry.access(sessionId, socket.data.userId);
          if (access.refused) return failure(access.refused);
          const { live, row } = access;
          deps.audit?.record({ actorId: socket.data.userId, action: 'session.read', subjectType: 'session', subjectId: row.id, detail: { view: 'join' }, address });
          room = roomOf(sessionId);
          const version = live?.version ?? row.version;
          const update = version > knownVersion ? (live ? registry.update(live, null) : registry.storedUpdate(row)) : null;
          return { ok: true, version, serverNow: clock.now(), update };
        }),
        broadcast: null,
      }),
      (applied) => {
        // Into the room only now: every change broadcast from here on is newer than the state the
        // ack carries, and none older reaches this screen.
        if (applied.ack.ok && room) void socket.join(room);
        if (typeof ack === 'function') ack(applied.ack);
      },
    );
  });

  socket.on('session:leave', (raw, ack) =>
    answer(ack, logger, () => {
      const parsed = idSchema.safeParse((raw as { sessionId?: unknown } | null)?.sessionId);
      if (!parsed.success) return failure('BAD_REQUEST', describeIssues(parsed.error, 'request to leave'));
      void socket.leave(roomOf(parsed.data));
      return { ok: true };
    }),
  );

  // Applied in the group's transaction; answered once it is on disk (../live/group-commit.ts).
  socket.on('session:command', (raw, ack) => {
    let signedOut = false;
    submitCommand(
      () => {
        let broadcast: StatePatch | null = null;
        const result = attempt(logger, (): CommandAck => {
          const refused = signInRefusal(socket.data, deps.store, clock.now());
          if (refused) {
            signedOut = refused === 'UNAUTHENTICATED';
            return failure(refused);
          }
          if (!take()) return failure('RATE_LIMITED');
          const outcome = handleCommand(socket.data.userId, raw);
          broadcast = outcome.broadcast;
          return outcome.ack;
        });
        return { ack: result, broadcast };
      },
      (applied) => {
        if (typeof ack === 'function') ack(applied.ack);
        // The sign-in is over: close the socket once the refusal has gone out on it.
        if (signedOut) setImmediate(() => socket.disconnect(true));
        // After the ack, on the same connection: the sender learns its result before the new state.
        if (applied.broadcast) io.to(roomOf(applied.broadcast.sessionId)).emit('session:patch', applied.broadcast);
      },
    );
  });

  socket.on('clock:ping', (raw, ack) =>
    answer(ack, logger, () => {
      const parsed = pingPayloadSchema.safeParse(raw);
      if (!parsed.success) return failure('BAD_REQUEST', describeIssues(parsed.error, 'clock ping'));
      return { ok: true, serverNow: clock.now(), clientSentAt: parsed.data.clientSentAt };
    }),
  );

  // An event nobody handles would leave its sender waiting for its own timeout: answer it.
  socket.onAny((event: unknown, ...args: unknown[]) => {
    const ack = args.at(-1);
    if (typeof ack === 'function' && typeof event === 'string' && socket.listeners(event as 'session:join').length === 0) ack(unknownEvent(event));
  });
}

/** The refusal of an event Holdspace does not have; a name that is not a plain word is not repeated. */
function unknownEvent(event: string): Failure {
  const named = /^[\w:.-]{1,40}$/.test(event) ? `named "${event}"` : 'by that name';
  return failure('BAD_REQUEST', `Holdspace has no event ${named}.`);
}

/** Every inbound message gets exactly one well-formed ack, whatever happens inside. */
function answer<T extends Ack>(ack: unknown, logger: Logger, work: () => T): void {
  const result = attempt(logger, work);
  if (typeof ack === 'function') ack(result);
}

function attempt<T extends Ack>(logger: Logger, work: () => T): T | Failure {
  try {
    return work();
  } catch (error) {
    logger.error({ err: error }, 'socket handler failed');
    return failure('INTERNAL');
  }
}
