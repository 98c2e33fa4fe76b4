/** What a person is told when the database is out of reach, on a page or a screen that could not connect. */
export const UNAVAILABLE_MESSAGE = 'Holdspace cannot reach its database just now, so nothing was done. Try again in a moment.';

/**
 * Whether `error` says the database could not be reached or is going away — PostgreSQL restarting
 * or down, its connections cut, none to be had — rather than that a request was wrong or the code
 * is: a passing condition, answered STORAGE_FAILED ("try again"), never INTERNAL.
 */
export function isStorageUnavailable(error: unknown): boolean {
  // better-auth wraps what its database adapter threw ("Failed to get session") as the cause.
  for (let at = error, depth = 0; at && depth < 4; at = (at as { cause?: unknown }).cause, depth++) {
    const { code, message } = at as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (UNREACHABLE.has(code) || code.startsWith('08') || GOING_AWAY.has(code))) return true;
    if (typeof message === 'string' && CUT.some((text) => message.includes(text))) return true;
  }
  return false;
}

/** The socket to the server could not be opened or was cut. */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND']);
/** PostgreSQL's SQLSTATEs for a server shutting down, starting or full (class 08, connection exceptions, is taken whole). */
const GOING_AWAY = new Set(['57P01', '57P02', '57P03', '53300']);
/** node-postgres says these in words only. */
const CUT = ['Connection terminated', 'timeout exceeded when trying to connect', 'is not queryable'];
