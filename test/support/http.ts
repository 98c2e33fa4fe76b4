import type { TestServer } from './server.js';
import type { ParsedJson } from './json.js';

/** A signed-in HTTP client for tests: keeps the session cookie like a browser would. */
export interface ApiClient {
  cookie: string;
  get(path: string): Promise<{ status: number; body: ParsedJson }>;
  post(path: string, body: unknown): Promise<{ status: number; body: ParsedJson }>;
  put(path: string, body: unknown): Promise<{ status: number; body: ParsedJson }>;
}

export async function signIn(server: Pick<TestServer, 'url'>, email: string, password: string): Promise<ApiClient> {
  const res = await fetch(`${server.url}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.url },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return apiClient(server, cookie);
}

export function apiClient(server: Pick<TestServer, 'url'>, cookie: string): ApiClient {
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: { cookie, origin: server.url, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
  return {
    cookie,
    get: (path) => call('GET', path),
    post: (path, body) => call('POST', path, body),
    put: (path, body) => call('PUT', path, body),
  };
}
