import type { ApiError } from '../../shared/schemas/rest.js';

/** A REST failure carrying the server's code and message (and field issues), for forms to show. */
export class HttpError extends Error {
  readonly status: number;
  readonly code: string;
  readonly issues: NonNullable<ApiError['issues']>;

  constructor(status: number, body: ApiError) {
    super(body.message);
    this.status = status;
    this.code = body.code;
    this.issues = body.issues ?? [];
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/**
 * The one way the client talks REST: same origin, the session cookie, JSON both ways. Any
 * failure becomes an HttpError with words a facilitator can act on; nothing is swallowed.
 * Response bodies are typed by `shared/schemas/rest.ts`, which the server builds them from.
 */
export async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new HttpError(0, { code: 'NETWORK', message: 'The server cannot be reached. Check the connection and try again.' });
  }
  const data = await readJson(response);
  if (!response.ok) throw new HttpError(response.status, asApiError(data, response.status));
  return data as T;
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    // A proxy's HTML error page, say: report it as the failure it is, not as data.
    if (response.ok)
      throw new HttpError(response.status, { code: 'BAD_RESPONSE', message: 'The server sent an answer this screen cannot read.' });
    return null;
  }
}

function asApiError(data: unknown, status: number): ApiError {
  if (typeof data === 'object' && data !== null && 'message' in data && typeof data.message === 'string') {
    const code = 'code' in data && typeof data.code === 'string' ? data.code : `HTTP_${status}`;
    const issues = 'issues' in data && Array.isArray(data.issues) ? (data.issues as ApiError['issues']) : undefined;
    return { code, message: data.message, ...(issues ? { issues } : {}) };
  }
  const message =
    status === 401 ? 'Please sign in again.' : status === 403 ? 'You do not have access to this.' : 'Something went wrong on the server.';
  return { code: `HTTP_${status}`, message };
}
