import type { CommandAck, JoinAck, PingAck, StatePatch } from '../protocol.js';
import type { CommandPayload, JoinPayload, PingPayload } from '../schemas/socket.js';

/**
 * The little of a socket the sync client uses. `socket.io-client`'s typed
 * `Socket<ServerToClientEvents, ClientToServerEvents>` satisfies it as it is, and so does the
 * in-memory fake the unit tests drive; nothing here knows the transport.
 */
export interface SyncSocket {
  /** True between `connect` and `disconnect`. */
  readonly connected: boolean;
  /** False once the transport gave up by itself (a refused handshake): only `connect()` restarts it. */
  readonly active: boolean;
  connect(): unknown;
  disconnect(): unknown;
  on(event: 'connect', listener: () => void): unknown;
  on(event: 'disconnect', listener: (reason: string) => void): unknown;
  on(event: 'connect_error', listener: (error: ConnectError) => void): unknown;
  on(event: 'session:patch', listener: (patch: StatePatch) => void): unknown;
  off(event?: string): unknown;
  /** An emit whose promise rejects when no ack came within `ms` (or the connection went first). */
  timeout(ms: number): AckedEmitter;
}

export interface AckedEmitter {
  emitWithAck(event: 'session:join', payload: JoinPayload): Promise<JoinAck>;
  emitWithAck(event: 'session:command', payload: CommandPayload): Promise<CommandAck>;
  emitWithAck(event: 'clock:ping', payload: PingPayload): Promise<PingAck>;
}

/** A refused handshake carries `{ code, message }` in `data` (docs/protocol.md §3). */
export type ConnectError = Error & { data?: unknown };

/** Timers, passed in so shared/ holds no global clock and the unit tests can run them by hand. */
export interface Timers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const globalTimers: Timers = {
  setTimeout: (run, ms) => globalThis.setTimeout(run, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};
