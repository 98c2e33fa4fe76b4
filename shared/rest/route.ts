import { z } from 'zod';

/**
 * One REST route as data (docs/protocol.md §13): its method and path, and zod schemas for its
 * path parameters, query, body and response. The server validates requests with it and the
 * client's fetch is typed by it (./contract.ts), so the two cannot drift apart unseen.
 */
export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface RestRoute {
  method: Method;
  /** Express style, from the origin: `/api/groups/:groupId`. */
  path: string;
  params: z.ZodType<Record<string, string>>;
  query: z.ZodType<Record<string, string | undefined>>;
  /** null: the route takes no body (a GET, a DELETE, a lock). */
  body: z.ZodType | null;
  /** The body of a success; for a 204 `z.null()`, for a download the file as text. */
  response: z.ZodType;
  status: 200 | 201 | 204;
  /** Answered by better-auth (its own validation and bodies), not by our routes; §2. */
  byBetterAuth?: true;
  /** An attachment the browser saves; the client links to it rather than fetching it. */
  download?: true;
}

/** Path parameters: each named segment, with the schema its value must meet. */
export const params = <S extends Record<string, z.ZodType<string>>>(shape: S) => z.strictObject(shape);
export const noParams = z.strictObject({});
export const noQuery = z.object({});
export const noContent = z.null();

type Spec = Partial<Omit<RestRoute, 'method' | 'path'>> & Pick<RestRoute, 'method' | 'path' | 'response'>;
type Defaults = { params: typeof noParams; query: typeof noQuery; body: null; status: 200 };

/** A route with the defaults filled in: no params, no query, no body, `200`. */
export function route<const S extends Spec>(spec: S): Omit<Defaults, keyof S> & S {
  const defaults: Defaults = { params: noParams, query: noQuery, body: null, status: 200 };
  return { ...defaults, ...spec };
}

export type ParamsOf<R extends RestRoute> = z.input<R['params']>;
export type QueryOf<R extends RestRoute> = z.input<R['query']>;
export type BodyOf<R extends RestRoute> = R['body'] extends z.ZodType ? z.input<R['body']> : undefined;
export type ResponseOf<R extends RestRoute> = z.output<R['response']>;

/** What a call sends: `params` when the path has any, `body` when the route takes one, `query` optional. */
// A route without parameters has `{}` as its params schema, whose keys are any string.
export type CallInput<R extends RestRoute> = (string extends keyof ParamsOf<R> ? { params?: ParamsOf<R> } : { params: ParamsOf<R> }) &
  (R['body'] extends z.ZodType ? { body: BodyOf<R> } : { body?: undefined }) & { query?: QueryOf<R> };

/** The route's path with its parameters filled in (each encoded), and the query if any. */
export function pathOf(r: Pick<RestRoute, 'path'>, values: Record<string, string> = {}, query: Record<string, string | undefined> = {}) {
  const path = r.path.replace(/:(\w+)/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`${r.path} needs :${name}`);
    return encodeURIComponent(value);
  });
  const pairs = Object.entries(query).filter((pair): pair is [string, string] => pair[1] !== undefined);
  return pairs.length === 0 ? path : `${path}?${new URLSearchParams(pairs).toString()}`;
}

/** A document computed by shared code and typed by it (a review, a session's view): checked to be an object. */
export const document = <T>(what: string) =>
  z.custom<T>((value) => typeof value === 'object' && value !== null && !Array.isArray(value), `must be ${what}`);
