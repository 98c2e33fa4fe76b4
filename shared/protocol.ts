import type { CommandPayload, JoinPayload, PingPayload } from './schemas/socket.js';
import { applyPatch, type ViewPatch } from './session/patch.js';
import type { SessionView } from './session/view.js';
import type { CommandType } from './schemas/commands.js';
import type { RatingsStatus } from './schemas/ratings.js';

/**
 * The wire protocol, typed at both ends (docs/protocol.md is its prose twin; rule ids P1… there).
 * A client sends `protocolVersion` in the handshake `auth`; a mismatch is refused with
 * PROTOCOL_MISMATCH so an old tab reloads instead of corrupting state.
 */
export const PROTOCOL_VERSION = 2;

/** Every error code an ack or a refused connection can carry. */
export const ERROR_CODES = {
  BAD_REQUEST: 'The request is malformed or has a value out of range.',
  UNAUTHENTICATED: 'Please sign in again.',
  FORBIDDEN: 'You are not a facilitator of this session.',
  NOT_FOUND: 'There is no such session.',
  PROTOCOL_MISMATCH: 'This screen is out of date: reload the page.',
  STALE: 'Someone else acted first; here is the current state.',
  WRONG_STATE: 'That cannot be done at this point of the session.',
  NOT_ALLOWED: 'That cannot be done right now.',
  RATE_LIMITED: 'Too many commands at once: wait a moment.',
  LOCKED: 'This screen is locked: enter your password to continue.',
  TWO_FACTOR_REQUIRED: 'This server requires two-factor sign-in: set it up for your account first.',
  PASSWORD_CHANGE_REQUIRED: 'Your password was reset by an admin: choose a new one to continue.',
  STORAGE_FAILED: 'The change could not be saved, so it was not made. Try again.',
  MOVING: 'This session is moving to another server; reconnecting in a moment.',
  INTERNAL: 'Something went wrong on the server; nothing was changed.',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface Failure {
  ok: false;
  code: ErrorCode;
  message: string;
  /** With STALE (and WRONG_STATE / NOT_ALLOWED): the state the sender should now show. */
  state?: StateUpdate;
}

export type Ack<T extends object = object> = ({ ok: true } & T) | Failure;

/** A new state of a session, sent to every facilitator screen in its room. */
export interface StateUpdate {
  sessionId: string;
  version: number;
  /** Server clock when this was sent, for the screens' clock-offset estimate. */
  serverNow: number;
  state: SessionView;
  /** What made this version, so a screen can say "Already advanced by Dana". */
  cause: { actorId: string; actorName: string; commandType: CommandType } | null;
}

/**
 * A new version of a session, sent to every facilitator screen in its room as what changed since
 * the version before (`baseVersion`). A screen that holds `baseVersion` applies it; one that holds
 * another version joins again and receives the whole state (docs/protocol.md §7).
 */
export interface StatePatch {
  sessionId: string;
  version: number;
  baseVersion: number;
  serverNow: number;
  patch: ViewPatch;
  cause: StateUpdate['cause'];
}

/** `held` with `next` applied, or null when `next` was not made from the version `held` is. */
export function patched(held: StateUpdate, next: StatePatch): StateUpdate | null {
  if (next.sessionId !== held.sessionId || next.baseVersion !== held.version) return null;
  return {
    sessionId: held.sessionId,
    version: next.version,
    serverNow: next.serverNow,
    state: applyPatch(held.state, next.patch),
    cause: next.cause,
  };
}

export type CommandAck = Ack<{ version: number; duplicate: boolean }>;
export type JoinAck = Ack<{ version: number; serverNow: number; update: StateUpdate | null }>;
export type PingAck = Ack<{ serverNow: number; clientSentAt: number }>;

export interface ClientToServerEvents {
  'session:join': (payload: JoinPayload, ack: (result: JoinAck) => void) => void;
  'session:leave': (payload: { sessionId: string }, ack: (result: Ack) => void) => void;
  'session:command': (payload: CommandPayload, ack: (result: CommandAck) => void) => void;
  'clock:ping': (payload: PingPayload, ack: (result: PingAck) => void) => void;
}

export interface ServerToClientEvents {
  'session:patch': (patch: StatePatch) => void;
  /** Member voice: the rating count moved or collecting started or stopped (docs/ratings.md). */
  'session:ratings': (status: RatingsStatus) => void;
}

export interface HandshakeAuth {
  protocolVersion: number;
}

export function failure(code: ErrorCode, message: string = ERROR_CODES[code]): Failure {
  return { ok: false, code, message };
}
