import type { ErrorRequestHandler } from 'express';
import { WeakPasswordError } from '../auth/password-strength.js';
import type { Logger } from '../logger.js';
import { isStorageUnavailable, UNAVAILABLE_MESSAGE } from '../store/unavailable.js';
import { HttpError, sendError } from './errors.js';

/**
 * The last handler of the app: every refusal leaves as `{ code, message }` (R1) with its status,
 * and anything unexpected as INTERNAL, logged without the request's contents.
 */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error, _req, res, _next) => {
    // Express hands over whatever was thrown; these are the fields its body parsers set.
    const facts = error as { type?: unknown; expose?: unknown; status?: unknown; message?: unknown } | null | undefined;
    if (error instanceof HttpError) return sendError(res, error);
    // A path parameter whose escapes do not decode (`/api/groups/%`): Express throws while matching.
    if (error instanceof URIError) return sendError(res, new HttpError('BAD_REQUEST', 'The address is not well-formed.'));
    // Any route that sets a password (docs/security.md S25): the reason, also at the field.
    if (error instanceof WeakPasswordError) {
      return sendError(res, new HttpError('BAD_REQUEST', error.reason, [{ path: 'password', message: error.reason }]));
    }
    // express.json's own refusals (malformed JSON, body too large) are the client's, not ours.
    if (facts?.type === 'entity.parse.failed') return sendError(res, new HttpError('BAD_REQUEST', 'The body is not valid JSON.'));
    if (facts?.type === 'entity.too.large') return sendError(res, new HttpError('BAD_REQUEST', 'The body is too large.', undefined, 413));
    // Its other refusals (an unsupported charset or encoding) keep their own 4xx status.
    if (facts?.expose === true && typeof facts.status === 'number' && facts.status >= 400 && facts.status < 500) {
      return sendError(res, new HttpError('BAD_REQUEST', 'The body could not be read: send it as UTF-8 JSON.', undefined, facts.status));
    }
    // A stale roster would rename or re-seat a member since erased: the database refused (privacy D11).
    if (typeof facts?.message === 'string' && /an erased member stays erased/.test(facts.message))
      return sendError(res, new HttpError('NOT_ALLOWED', 'A member of this group was erased meanwhile: reload the group.'));
    // PostgreSQL restarting or out of reach: the person may simply try again (docs/operations.md).
    if (isStorageUnavailable(error)) {
      logger.warn({ err: error }, 'request refused: the database is out of reach');
      return sendError(res, new HttpError('STORAGE_FAILED', UNAVAILABLE_MESSAGE));
    }
    logger.error({ err: error }, 'request failed');
    sendError(res, new HttpError('INTERNAL'));
  };
}
