import { ERROR_CODES, type ErrorCode, type Failure, type StateUpdate } from '../protocol.js';

/**
 * What a screen does with each error code, wherever it comes: a refused handshake
 * (`connect_error`), a join's ack or a command's ack. docs/protocol.md §6 prescribes it; this
 * table is that column as code. It is `satisfies Record<ErrorCode, Policy>`, so a code added to
 * `ERROR_CODES` fails the build until it is classified here — one entry, for every screen.
 *
 * - stop: no retry can fix it (no access, an out-of-date screen): stop reconnecting and retrying,
 *   settle every unanswered command with it, and show the message instead of the console.
 * - retry: a passing refusal: send the same commandId again after a backoff, up to `tries`
 *   attempts in all; after that, tell the person (and, with `rejoin`, join again, since the
 *   server may hold a state this screen missed). A join or handshake is retried without limit:
 *   after the reconnect wait, or with `soon` (the refusal passes within a moment, as a session
 *   moving between servers does) after the backoff alone, at most a second apart.
 * - resync: a lasting refusal that carries the current state: take the state, tell the person,
 *   never re-send (a new press is a new command).
 * - tell: a lasting refusal without state (a client bug): tell, never re-send unchanged.
 */
export type Policy = { do: 'stop' } | { do: 'retry'; tries: number; rejoin: boolean; soon?: true } | { do: 'resync' } | { do: 'tell' };

export const ERROR_POLICY = {
  BAD_REQUEST: { do: 'tell' },
  UNAUTHENTICATED: { do: 'stop' },
  FORBIDDEN: { do: 'stop' },
  NOT_FOUND: { do: 'stop' },
  PROTOCOL_MISMATCH: { do: 'stop' },
  STALE: { do: 'resync' },
  WRONG_STATE: { do: 'resync' },
  NOT_ALLOWED: { do: 'resync' },
  RATE_LIMITED: { do: 'retry', tries: 6, rejoin: false },
  LOCKED: { do: 'stop' },
  TWO_FACTOR_REQUIRED: { do: 'stop' },
  PASSWORD_CHANGE_REQUIRED: { do: 'stop' },
  STORAGE_FAILED: { do: 'retry', tries: 3, rejoin: false },
  // Another server holds the session, or it is being handed over (docs/protocol.md P56).
  MOVING: { do: 'retry', tries: 6, rejoin: true, soon: true },
  INTERNAL: { do: 'retry', tries: 2, rejoin: true },
} as const satisfies Record<ErrorCode, Policy>;

/** The policy for a code; one the table does not know (a newer server's) is told, never retried. */
export function policyOf(code: string): Policy {
  return isErrorCode(code) ? ERROR_POLICY[code] : { do: 'tell' };
}

function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERROR_CODES, code);
}

/** Wait before the `attempt`-th re-send of a refused command: 250 ms, doubling, at most 4 s. */
export function backoffMs(attempt: number): number {
  return Math.min(4_000, 250 * 2 ** Math.max(0, attempt - 1));
}

/**
 * A refused handshake: the server puts `{ code, message }` in the error's data. Without data it
 * was the network, which the transport retries by itself: code null.
 */
export function refusalOf(error: Error & { data?: unknown }): { code: string | null; message: string } {
  const data = error.data;
  if (typeof data === 'object' && data !== null && 'code' in data && typeof data.code === 'string') {
    const known = isErrorCode(data.code) ? ERROR_CODES[data.code] : null;
    const message = 'message' in data && typeof data.message === 'string' ? data.message : known;
    return { code: data.code, message: message ?? 'The server refused this screen.' };
  }
  return { code: null, message: error.message || 'The server refused this screen.' };
}

/**
 * What a facilitator reads when a press did not act: a lost race is "Already advanced by Dana"
 * (the state that won is already on screen), anything else the rule's own words. Never a dialog.
 */
export function calmMessage(
  failure: Pick<Failure, 'code' | 'message' | 'state'>,
  heldCause: StateUpdate['cause'],
  userId: string | null,
): string {
  if (failure.code === 'STALE') {
    const cause = failure.state?.cause ?? heldCause;
    if (cause && cause.actorId === userId) return 'Already done.';
    return `Already advanced by ${cause?.actorName ?? 'the other facilitator'}.`;
  }
  return failure.message || ERROR_CODES[failure.code];
}

/** Shown while a press has had no answer yet and is being sent again (never "No answer"). */
export const STILL_SENDING = 'Still sending…';
