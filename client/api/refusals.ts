import { ERROR_CODES, type Failure, type StateUpdate } from '../../shared/protocol.js';

/** Refusals that no retry can fix: the screen says so instead of trying forever. */
export const FATAL_CODES: ReadonlySet<string> = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'PROTOCOL_MISMATCH', 'LOCKED', 'PASSWORD_CHANGE_REQUIRED']);

/** A refused handshake: the server puts `{ code, message }` in the error's data. */
export function refusalOf(error: Error & { data?: unknown }): { code: string; message: string } {
  const data = error.data;
  if (typeof data === 'object' && data !== null && 'code' in data && typeof data.code === 'string') {
    const known = Object.hasOwn(ERROR_CODES, data.code) ? ERROR_CODES[data.code as keyof typeof ERROR_CODES] : null;
    const message = 'message' in data && typeof data.message === 'string' ? data.message : known;
    return { code: data.code, message: message ?? 'The server refused this screen.' };
  }
  return { code: 'UNKNOWN', message: error.message || 'The server refused this screen.' };
}

/**
 * What a facilitator reads when a press did not act: a lost race is "Already advanced by Dana"
 * (the state that won is already on screen), anything else the rule's own words. Never a dialog.
 */
export function calmMessage(failure: Failure, heldCause: StateUpdate['cause'], userId: string | null): string {
  if (failure.code === 'STALE') {
    const cause = failure.state?.cause ?? heldCause;
    if (cause && cause.actorId === userId) return 'Already done.';
    return `Already advanced by ${cause?.actorName ?? 'the other facilitator'}.`;
  }
  return failure.message || ERROR_CODES[failure.code];
}
