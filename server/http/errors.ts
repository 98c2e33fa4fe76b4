import type { ErrorRequestHandler, Response } from 'express';
import type { z } from 'zod';
import { ERROR_CODES, type ErrorCode } from '../../shared/protocol.js';
import type { ApiError } from '../../shared/schemas/rest.js';
import { WeakPasswordError } from '../auth/password-strength.js';
import type { Logger } from '../logger.js';
import { issueList } from '../validation.js';

const STATUS: Partial<Record<ErrorCode, number>> = {
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  WRONG_STATE: 409,
  NOT_ALLOWED: 409,
  RATE_LIMITED: 429,
  LOCKED: 423,
  TWO_FACTOR_REQUIRED: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
  STORAGE_FAILED: 503,
};

/** A refusal a route throws; the error handler turns it into `{ code, message }` with its status. */
export class HttpError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string = ERROR_CODES[code],
    readonly issues?: ApiError['issues'],
    readonly status: number = STATUS[code] ?? 500,
  ) {
    super(message);
  }
}

export function invalid(error: z.ZodError): HttpError {
  return new HttpError('BAD_REQUEST', 'Some fields are not valid.', issueList(error));
}

/** Parses a body with its schema, or refuses with the fields that are wrong. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success) throw invalid(parsed.error);
  return parsed.data;
}

export function sendError(res: Response, error: HttpError): void {
  const body: ApiError = { code: error.code, message: error.message, ...(error.issues ? { issues: error.issues } : {}) };
  res.status(error.status).json(body);
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error, _req, res, _next) => {
    if (error instanceof HttpError) return sendError(res, error);
    // Any route that sets a password (docs/security.md S25): the reason, also at the field.
    if (error instanceof WeakPasswordError) {
      return sendError(res, new HttpError('BAD_REQUEST', error.reason, [{ path: 'password', message: error.reason }]));
    }
    // express.json's own refusals (malformed JSON, body too large) are the client's, not ours.
    if (error?.type === 'entity.parse.failed') return sendError(res, new HttpError('BAD_REQUEST', 'The body is not valid JSON.'));
    if (error?.type === 'entity.too.large') return sendError(res, new HttpError('BAD_REQUEST', 'The body is too large.', undefined, 413));
    // Its other refusals (an unsupported charset or encoding) keep their own 4xx status.
    if (error?.expose === true && error.status >= 400 && error.status < 500) {
      return sendError(res, new HttpError('BAD_REQUEST', 'The body could not be read: send it as UTF-8 JSON.', undefined, error.status));
    }
    // A stale roster would rename or re-seat a member since erased: the database refused (privacy D11).
    if (/an erased member stays erased/.test(error?.message))
      return sendError(res, new HttpError('NOT_ALLOWED', 'A member of this group was erased meanwhile: reload the group.'));
    logger.error({ err: error }, 'request failed');
    sendError(res, new HttpError('INTERNAL'));
  };
}
