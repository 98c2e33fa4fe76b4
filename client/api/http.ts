import { pathOf, type CallInput, type ResponseOf, type RestRoute } from '../../shared/rest/route.js';
import { apiErrorSchema, type ApiError } from '../../shared/schemas/rest.js';

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

/**
 * The one way the client talks REST: a route of the contract (shared/rest/contract.ts), same
 * origin, the session cookie, JSON both ways. The answer is parsed by the route's response
 * schema, so what a screen gets is the type the contract says; any failure becomes an HttpError
 * with words a facilitator can act on, and nothing is swallowed.
 */
export function call<R extends RestRoute>(route: R, input: CallInput<R>): Promise<ResponseOf<R>>;
export async function call(route: RestRoute, { params, query, body: sent }: Sent): Promise<unknown> {
  const body = route.body === null ? undefined : JSON.stringify(sent ?? {});
  let response: Response;
  try {
    response = await fetch(pathOf(route, params, query), {
      method: route.method,
      credentials: 'same-origin',
      headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      body,
    });
  } catch {
    throw new HttpError(0, { code: 'NETWORK', message: 'The server cannot be reached. Check the connection and try again.' });
  }
  const data = await readJson(response);
  if (!response.ok) throw new HttpError(response.status, asApiError(data, response.status));
  const parsed = route.response.safeParse(data);
  if (!parsed.success) throw unreadable(response.status);
  return parsed.data;
}

/** What any call sends, whatever its route. */
type Sent = { params?: Record<string, string>; query?: Record<string, string | undefined>; body?: unknown };

/** The address of a download (an export, the audit CSV): the browser fetches it with the cookie. */
export function linkTo<R extends RestRoute & { download: true }>(route: R, input: Omit<CallInput<R>, 'body'>): string;
export function linkTo(route: RestRoute, { params, query }: Sent): string {
  return pathOf(route, params, query);
}

const unreadable = (status: number) =>
  new HttpError(status, { code: 'BAD_RESPONSE', message: 'The server sent an answer this screen cannot read.' });

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    // A proxy's HTML error page, say: report it as the failure it is, not as data.
    if (response.ok) throw unreadable(response.status);
    return null;
  }
}

function asApiError(data: unknown, status: number): ApiError {
  const parsed = apiErrorSchema.safeParse(data);
  if (parsed.success) return parsed.data;
  // better-auth's 429 is `{ message }` alone (docs/protocol.md R1).
  const message = typeof data === 'object' && data !== null && 'message' in data ? data.message : null;
  if (typeof message === 'string') return { code: `HTTP_${status}`, message };
  return {
    code: `HTTP_${status}`,
    message:
      status === 401 ? 'Please sign in again.' : status === 403 ? 'You do not have access to this.' : 'Something went wrong on the server.',
  };
}
