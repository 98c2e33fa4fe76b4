import http from 'node:http';
import { base32 } from '@better-auth/utils/base32';
import { createOTP } from '@better-auth/utils/otp';
import { apiClient, type ApiClient } from '../support/http.js';
import type { TestServer } from '../support/server.js';
import type { ParsedJson } from '../support/json.js';

/** A raw response as the security tests look at it: status, body, and Set-Cookie lines. */
export interface Raw {
  status: number;
  body: ParsedJson;
  setCookies: string[];
  headers: Headers;
  ms: number;
}

/** A request with full control over headers (Origin, X-Forwarded-*, cookies). */
export async function raw(
  server: TestServer,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Raw> {
  const started = performance.now();
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const json = res.headers.get('content-type')?.includes('json');
  return {
    status: res.status,
    body: json && text ? JSON.parse(text) : text || null,
    setCookies: res.headers.getSetCookie(),
    headers: res.headers,
    ms: performance.now() - started,
  };
}

/** `name=value` pairs of Set-Cookie lines, ready for a Cookie header; expired ones dropped. */
export const cookieOf = (setCookies: string[]) =>
  setCookies
    .filter((c) => !/max-age=0/i.test(c))
    .map((c) => c.split(';')[0])
    .join('; ');

/** The current 30-second TOTP step. */
export const totpStep = () => Math.floor(Date.now() / 30_000);

/** The code of the authenticator app that scanned `totpURI`, `steps` 30-second steps from now (RFC 6238). */
export async function totpAt(totpURI: string, steps: number, from = totpStep()): Promise<string> {
  const secret = new URL(totpURI).searchParams.get('secret')!;
  return createOTP(base32.decode(secret)).hotp(from + steps);
}

const usedSteps = new Map<string, Set<number>>();

/**
 * A code the app would show that this test has not used yet. Each code works once (S23), and the
 * server accepts the code of the step before and after the current one, so up to three sign-ins
 * in a row need no waiting: now, then the next step's, then the previous step's.
 */
export async function totpNow(totpURI: string): Promise<string> {
  const step = Math.floor(Date.now() / 30_000);
  const used = usedSteps.get(totpURI) ?? new Set<number>();
  usedSteps.set(totpURI, used);
  const fresh = [step, step + 1, step - 1].find((s) => !used.has(s));
  if (fresh === undefined) throw new Error('three TOTP codes used within one step: wait for the next');
  used.add(fresh);
  return totpAt(totpURI, fresh - step);
}

/** Turns 2FA on as a person would: enable with the password, then confirm a code from the app. */
export async function enableTwoFactor(server: TestServer, api: ApiClient, password: string) {
  const enabled = await raw(server, 'POST', '/api/auth/two-factor/enable', { password }, { cookie: api.cookie, origin: server.url });
  if (enabled.status !== 200) throw new Error(`enable: ${enabled.status} ${JSON.stringify(enabled.body)}`);
  const { totpURI, backupCodes } = enabled.body as { totpURI: string; backupCodes: string[] };
  const verified = await raw(
    server,
    'POST',
    '/api/auth/two-factor/verify-totp',
    { code: await totpNow(totpURI) },
    { cookie: api.cookie, origin: server.url },
  );
  if (verified.status !== 200) throw new Error(`verify: ${verified.status} ${JSON.stringify(verified.body)}`);
  // Turning 2FA on replaces the sign-in session: carry on with the new cookie.
  return { totpURI, backupCodes, api: apiClient(server, cookieOf(verified.setCookies)) };
}

/** Password step of sign-in; returns the response and whatever cookie it set. */
export async function passwordStep(server: TestServer, email: string, password: string, headers: Record<string, string> = {}) {
  const res = await raw(server, 'POST', '/api/auth/sign-in/email', { email, password }, { origin: server.url, ...headers });
  return { ...res, cookie: cookieOf(res.setCookies) };
}

/** An answer to a request sent exactly as written. */
export interface AsIs {
  status: number;
  text: string;
  cacheControl: string | null;
  contentType: string | null;
}

/** A request sent exactly as written: node:http normalises nothing in the path (like `curl --path-as-is`). */
export function sendAsIs(
  server: TestServer,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: object,
): Promise<AsIs> {
  const text = body === undefined ? '' : JSON.stringify(body);
  const sent = body === undefined ? {} : { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) };
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: server.port, method, path, headers: { ...sent, ...headers } }, (res) => {
      let data = '';
      res.on('data', (chunk) => (data += chunk));
      res.on('end', () => {
        const { 'cache-control': cacheControl = null, 'content-type': contentType = null } = res.headers;
        resolve({ status: res.statusCode!, text: data, cacheControl, contentType });
      });
    });
    req.on('error', reject);
    req.end(text);
  });
}
