import type { Response } from 'express';
import type { z } from 'zod';
import { ERROR_CODES, type ErrorCode } from '../../shared/protocol.js';
import type { ApiError } from '../../shared/schemas/rest.js';
import { describeIssues, issueList } from '../validation.js';

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
  MOVING: 503,
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

/** A request that fails its schema (R1): one sentence a person can read, and the fields for a form. */
export function invalid(error: z.ZodError, subject = 'request'): HttpError {
  return new HttpError('BAD_REQUEST', describeIssues(error, subject), issueList(error));
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
