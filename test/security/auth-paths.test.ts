import { afterEach, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../server/config.js';
import { signIn as signInApi } from '../support/http.js';
import { createAccount, startTestServer, type TestServer } from '../support/server.js';
import { LEAD } from '../support/session-fixture.js';
import { passwordStep, sendAsIs } from './support.js';
import type { ParsedJson } from '../support/json.js';

let server: TestServer;
afterEach(() => server.close());

/** A POST sent exactly as written, its body as JSON when it is. */
async function send(path: string, body: object, headers: Record<string, string> = {}): Promise<{ status: number; body: ParsedJson }> {
  const res = await sendAsIs(server, 'POST', path, { origin: server.url, ...headers }, body);
  return { status: res.status, body: res.text.startsWith('{') ? JSON.parse(res.text) : res.text };
}

/** Every guarded better-auth route (brute force S5–S7/S22, 2FA-off S4, socket re-check S11). */
const GUARDED = [
  'sign-in/email',
  'two-factor/verify-totp',
  'two-factor/verify-backup-code',
  'two-factor/enable',
  'two-factor/disable',
  'two-factor/get-totp-uri',
  'two-factor/generate-backup-codes',
  'change-password',
  'delete-user',
  'verify-password',
  'sign-out',
  'revoke-sessions',
];

/**
 * Spellings of `/api/auth/<route>` that a URL parser, a router or a server might take for it
 * (null where one does not apply to a route without a slash of its own).
 */
const SPELLINGS: Record<string, (route: string) => string | null> = {
  'dot segment': (r) => `/api/auth/./${r}`,
  'dot segment inside': (r) => (r.includes('/') ? `/api/auth/${r.replace('/', '/./')}` : null),
  'double slash': (r) => `/api/auth//${r}`,
  'double slash in front': (r) => `//api/auth/${r}`,
  '%2e': (r) => `/api/auth/%2e/${r}`,
  '%2E': (r) => `/api/auth/%2E/${r}`,
  'x/..': (r) => `/api/auth/x/../${r}`,
  'x/%2e%2e': (r) => `/api/auth/x/%2e%2e/${r}`,
  '%2f': (r) => (r.includes('/') ? `/api/auth/${r.replace('/', '%2f')}` : null),
  '%2F before the route': (r) => `/api/auth%2F${r}`,
  'trailing slash': (r) => `/api/auth/${r}/`,
  'upper case': (r) => `/api/auth/${r.toUpperCase()}`,
  'upper-case base': (r) => `/API/AUTH/${r}`,
  'encoded letter': (r) => `/api/auth/${r.replace(/[a-z]$/, (c) => `%${c.charCodeAt(0).toString(16)}`)}`,
  backslash: (r) => `/api/auth\\${r}`,
  fragment: (r) => `/api/auth/${r}#x`,
};

describe('one spelling per better-auth route', () => {
  it('[S21] every other spelling of every guarded route is refused before better-auth sees it', async () => {
    // Limits out of the way: this is about which requests reach better-auth at all.
    server = await startTestServer({
      config: { signIn: { ...defaultConfig().signIn, failuresPerAccount: 1000, failuresPerAddress: 1000, slowAfter: 1000 } },
    });
    await createAccount(server, LEAD);
    const api = await signInApi(server, LEAD.email, LEAD.password);
    const served: string[] = [];
    for (const route of GUARDED) {
      for (const [name, spell] of Object.entries(SPELLINGS)) {
        const path = spell(route);
        if (path === null) continue;
        const res = await send(
          path,
          { email: LEAD.email, password: 'not the password', currentPassword: 'x', newPassword: 'y', code: '000000' },
          { cookie: api.cookie },
        );
        // 404: refused in front of better-auth, or never routed to it (the /api fallback).
        if (res.status !== 404) served.push(`${name}: ${path} → ${res.status}`);
      }
    }
    expect(served).toEqual([]);
    // The sign-in survived every spelling of sign-out and revoke-sessions.
    expect((await api.get('/api/me')).status).toBe(200);
    // The plain spelling still works, with its query string.
    expect((await send('/api/auth/sign-in/email?x=1', { email: LEAD.email, password: LEAD.password })).status).toBe(200);
  }, 120_000); // some 190 requests; on a server without S21 many are password checks

  it('[S21][S5] a locked account stays locked whatever the spelling: the right password gets no further', async () => {
    server = await startTestServer({
      config: { signIn: { ...defaultConfig().signIn, failuresPerAccount: 3, slowAfter: 100, delayStepMs: 0 } },
    });
    await createAccount(server, LEAD);
    for (let i = 0; i < 3; i++)
      expect((await send('/api/auth/./sign-in/email', { email: LEAD.email, password: `guess number ${i}` })).status).toBe(404);
    for (let i = 0; i < 3; i++) expect((await passwordStep(server, LEAD.email, `guess number ${i}`)).status).toBe(401);
    for (const spell of Object.values(SPELLINGS)) {
      const path = spell('sign-in/email');
      if (path === null) continue;
      const res = await send(path, { email: LEAD.email, password: LEAD.password });
      expect({ path, signedIn: res.status === 200 || res.body?.token !== undefined }).toEqual({ path, signedIn: false });
    }
    expect((await passwordStep(server, LEAD.email, LEAD.password)).status).toBe(429);
  });

  it('[S21] better-auth itself refuses a guarded route that did not pass the guards', async () => {
    server = await startTestServer();
    await createAccount(server, LEAD);
    // Straight into better-auth's handler, as a mounting mistake or an unforeseen spelling would.
    const direct = await server.app.auth.handler(
      new Request(`${server.url}/api/auth/sign-in/email`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: server.url, 'x-holdspace-guarded': 'a guess' },
        body: JSON.stringify({ email: LEAD.email, password: LEAD.password }),
      }),
    );
    expect(direct.status).toBe(404);
    // A route no guard covers is not affected.
    expect((await server.app.auth.handler(new Request(`${server.url}/api/auth/ok`))).status).toBe(200);
  });
});
