import type { Server, Socket } from 'socket.io';
import { failure, type Ack, type Failure, type ClientToServerEvents, type ServerToClientEvents } from '../../shared/protocol.js';
import { pingPayloadSchema } from '../../shared/schemas/socket.js';
import { idSchema } from '../../shared/schemas/common.js';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { Admission, LiveCore } from '../live/core.js';
import type { LiveSessions } from '../live/live-sessions.js';
import type { Store } from '../store/types.js';
import type { Audit } from '../privacy/audit.js';
import { describeIssues } from '../validation.js';
import { signInRefusal, type SocketData } from './auth.js';
import { LIMITED, type SocketLimiter } from './limits.js';
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
  core: LiveCore;
  /** Only asked whether a session is held here (limits give buckets to those alone). */
  sessions: Pick<LiveSessions, 'get'>;
  limits: SocketLimiter;
  /** A join reads the whole record: each is audited (docs/privacy.md D2). */
  audit?: Pick<Audit, 'record'>;
}

const EVENTS: ReadonlySet<string> = new Set(['session:join', 'session:leave', 'session:command', 'clock:ping']);

/** Wires one connected facilitator screen: join (with resync), command, leave, clock ping. */
export function registerHandlers(socket: HoldspaceSocket, deps: Deps): void {
  const { io, clock, config, logger, core, sessions, limits } = deps;
  // Limits count the server's clock, like every timer: a test that moves it by hand refills them.
  const now = () => clock.now();
  const socketCommands = tokenBucket(config.commandBurst, config.commandsPerSecond, now);
  const pings = tokenBucket(config.socketLimits.socketPings.burst, config.socketLimits.socketPings.perSecond, now);
  const refusals = tokenBucket(config.socketLimits.socketRefusals.burst, config.socketLimits.socketRefusals.perSecond, now);

  /**
   * Every refusal for a limit is answered at once, before the group commit, so a flood costs a
   * bucket and an ack, not a transaction (docs/protocol.md P13, P20). A socket that goes on past
   * its refusal budget is flooding, not pressing: it is disconnected (P22), and its handshakes are
   * limited too (P21).
   */
  const strike = () => {
    if (refusals() || !socket.connected) return;
    logger.warn({ userId: socket.data.userId }, 'socket disconnected: it went on sending past its rate limits');
    socket.disconnect(true);
  };
  const refuse = (ack: unknown, message: string) => {
    reply(ack, failure('RATE_LIMITED', message));
    strike();
  };
  /**
   * The sign-in check of one message (S11), begun as it arrives and awaited in the session's
   * queue before the message is worked out (../live/core.ts): the queue keeps the order of arrival.
   */
  const admission = (): Admission =>
    signInRefusal(socket.data, deps.store, clock.now()).then(
      (code) => (code ? failure(code) : null),
      (error: unknown) => {
        logger.error({ err: error }, 'sign-in check failed');
        return failure('INTERNAL');
      },
    );
  /** A command's session, when this process holds it: only those get a bucket (made-up ids make none). */
  const heldSession = (raw: unknown): string | null => {
    const id = (raw as { sessionId?: unknown } | null)?.sessionId;
    return typeof id === 'string' && sessions.get(id) ? id : null;
  };

  // Events no client sends have no handler and no ack; they count against the refusal budget.
  socket.use(([event], next) => {
    if (EVENTS.has(event)) return next();
    strike();
  });

  // The state a join carries is on disk before the screen sees it (../live/core.ts).
  socket.on('session:join', async (raw, ack) => {
    const limited = limits.join(socket.data);
    if (limited) return refuse(ack, limited);
    // The address the handshake limit recorded, as Express's req.ip reads it (TRUST_PROXY).
    const recordRead = async (sessionId: string) =>
      deps.audit?.record({
        actorId: socket.data.userId,
        action: 'session.read',
        subjectType: 'session',
        subjectId: sessionId,
        detail: { view: 'join' },
        address: socket.data.address,
      });
    const outcome = await attemptAsync(logger, () => core.join(socket.data.userId, raw, admission(), recordRead), {
      ack: failure('INTERNAL'),
      joined: null,
    });
    if (outcome.joined) {
      // Into the room only now: every change broadcast from here on is newer than the state the
      // ack carries, and none older reaches this screen.
      void socket.join(roomOf(outcome.joined));
    }
    reply(ack, outcome.ack);
  });

  socket.on('session:leave', (raw, ack) =>
    answer(ack, logger, () => {
      const parsed = idSchema.safeParse((raw as { sessionId?: unknown } | null)?.sessionId);
      if (!parsed.success) return failure('BAD_REQUEST', describeIssues(parsed.error, 'request to leave'));
      void socket.leave(roomOf(parsed.data));
      return { ok: true };
    }),
  );

  // Executed, then acked, then broadcast: straight, once it is on disk (../live/core.ts).
  socket.on('session:command', async (raw, ack) => {
    const limited = socketCommands() ? limits.command(socket.data, heldSession(raw)) : LIMITED.socket;
    if (limited) return refuse(ack, limited);
    const { ack: result, broadcast } = await attemptAsync(logger, () => core.execute(socket.data.userId, raw, admission()), {
      ack: failure('INTERNAL'),
      broadcast: null,
    });
    reply(ack, result);
    // The sign-in is over (only its check answers UNAUTHENTICATED): close the socket once the
    // refusal has gone out on it.
    if (!result.ok && result.code === 'UNAUTHENTICATED') setImmediate(() => socket.disconnect(true));
    // After the ack, on the same connection, with no await between: the sender learns its result
    // before the new state, and a join answered meanwhile is not sent a change older than its state.
    if (broadcast) io.to(roomOf(broadcast.sessionId)).emit('session:patch', broadcast);
  });

  socket.on('clock:ping', (raw, ack) => {
    if (!pings()) return refuse(ack, LIMITED.pings);
    answer(ack, logger, () => {
      const parsed = pingPayloadSchema.safeParse(raw);
      if (!parsed.success) return failure('BAD_REQUEST', describeIssues(parsed.error, 'clock ping'));
      return { ok: true, serverNow: clock.now(), clientSentAt: parsed.data.clientSentAt };
    });
  });

  // An event nobody handles would leave its sender waiting for its own timeout: answer it (the
  // middleware above also counts it against the refusal budget).
  socket.onAny((event: unknown, ...args: unknown[]) => {
    const ack = args.at(-1);
    if (typeof event === 'string' && socket.listeners(event as 'session:join').length === 0) reply(ack, unknownEvent(event));
  });
}

/** The refusal of an event Holdspace does not have; a name that is not a plain word is not repeated. */
function unknownEvent(event: string): Failure {
  const named = /^[\w:.-]{1,40}$/.test(event) ? `named "${event}"` : 'by that name';
  return failure('BAD_REQUEST', `Holdspace has no event ${named}.`);
}

/** Every inbound message gets exactly one well-formed ack, whatever happens inside. */
function answer<T extends Ack>(ack: unknown, logger: Logger, work: () => T): void {
  reply(ack, attempt(logger, work));
}

/** Socket.IO hands the ack over untyped: a client that sent none gets none. */
function reply(ack: unknown, result: Ack): void {
  if (typeof ack === 'function') (ack as (answer: Ack) => void)(result);
}

async function attemptAsync<T>(logger: Logger, work: () => Promise<T>, failed: T): Promise<T> {
  try {
    return await work();
  } catch (error) {
    logger.error({ err: error }, 'socket handler failed');
    return failed;
  }
}

function attempt<T extends Ack>(logger: Logger, work: () => T): T | Failure {
  try {
    return work();
  } catch (error) {
    logger.error({ err: error }, 'socket handler failed');
    return failure('INTERNAL');
  }
}
