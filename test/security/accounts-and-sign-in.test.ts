import { afterEach, describe, expect, it } from 'vitest';
import { apiClient, signIn } from '../support/http.js';
import { createAccount, startTestServer, type TestServer } from '../support/server.js';
import { connectSocket } from '../support/sockets.js';
import { CO, LEAD } from '../support/session-fixture.js';
import { cookieOf, passwordStep, raw } from './support.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const emails = (s: TestServer) => (s.db.prepare('SELECT email FROM user ORDER BY email').all() as { email: string }[]).map((u) => u.email);
const refusalCode = (attempt: Promise<unknown>) =>
  attempt.then(
    () => 'connected',
    (err: { data?: { code?: string } }) => err.data?.code ?? 'no code',
  );

describe('where accounts come from', () => {
  it('[S1] only the first-account set-up, an admin, the shell tool or an invite makes an account; every sign-up route answers 404', async () => {
    server = await startTestServer();
    const json = { origin: server.url };
    const newcomer = { name: 'Eve Mallory', email: 'eve@example.org', password: 'a long enough password' };
    // Public sign-up, before and after the first account: refused, and nothing is made.
    for (const path of ['/api/auth/sign-up/email', '/api/auth/sign-up/username', '/api/auth/sign-up']) {
      expect((await raw(server, 'POST', path, newcomer, json)).status, path).toBe(404);
    }
    expect(emails(server)).toEqual([]);

    const setup = await raw(server, 'POST', '/api/setup', LEAD, json);
    expect(setup.status).toBe(201);
    const admin = apiClient(server, cookieOf(setup.setCookies));
    expect((await admin.post('/api/accounts', { name: 'Sky Ito', email: 'sky@example.org', password: 'a long enough one' })).status).toBe(
      201,
    );
    await createAccount(server, CO); // what `npm run accounts -- add` calls
    const group = (await admin.post('/api/groups', { name: 'Invite group', members: [{ name: 'Sam' }] })).body.group;
    const token = ((await admin.post(`/api/groups/${group.id}/invites`, {})).body.url as string).split('#/invites/')[1]!;
    expect(
      (
        await raw(
          server,
          'POST',
          `/api/invites/${token}/accept`,
          { name: 'Ivy Lane', email: 'ivy@example.org', password: 'a long enough password' },
          json,
        )
      ).status,
    ).toBe(201);

    // Nobody else can: a second set-up, a signed-out or non-admin request, sign-up again.
    expect((await raw(server, 'POST', '/api/setup', newcomer, json)).status).toBe(409);
    expect((await raw(server, 'POST', '/api/accounts', newcomer, json)).status).toBe(401);
    const co = await signIn(server, CO.email, CO.password);
    expect((await co.post('/api/accounts', newcomer)).status).toBe(403);
    expect((await raw(server, 'POST', '/api/auth/sign-up/email', newcomer, json)).status).toBe(404);
    expect(emails(server)).toEqual(['dana@example.org', 'ivy@example.org', 'robin@example.org', 'sky@example.org']);
  });
});

describe('what a sign-in is', () => {
  it('[S2] a sign-in is a 12-hour better-auth session in an HttpOnly cookie, which REST and the socket handshake both resolve', async () => {
    server = await startTestServer();
    await createAccount(server, LEAD);
    const signedIn = await passwordStep(server, LEAD.email, LEAD.password);
    const line = signedIn.setCookies.find((c) => c.startsWith('better-auth.session_token='))!;
    expect(line).toMatch(/HttpOnly/i);
    expect(line).toMatch(/Max-Age=43200\b/);
    const session = (await raw(server, 'GET', '/api/auth/get-session', undefined, { cookie: signedIn.cookie })).body;
    const lifetime = new Date(session.session.expiresAt).getTime() - new Date(session.session.createdAt).getTime();
    // better-auth stamps the two from separate reads of the clock, a millisecond or so apart.
    expect(Math.abs(lifetime - 12 * 60 * 60 * 1000)).toBeLessThan(1000);

    // The same cookie opens REST and the socket.
    const api = apiClient(server, signedIn.cookie);
    expect((await api.get('/api/me')).body.user).toMatchObject({ email: LEAD.email });
    const socket = await connectSocket(server, signedIn.cookie);
    expect(socket.connected).toBe(true);
    socket.disconnect();

    // Signed out, it opens neither.
    expect((await raw(server, 'POST', '/api/auth/sign-out', {}, { cookie: signedIn.cookie, origin: server.url })).status).toBe(200);
    expect((await api.get('/api/me')).status).toBe(401);
    expect(await refusalCode(connectSocket(server, signedIn.cookie))).toBe('UNAUTHENTICATED');
  });
});

describe('the sign-in limit', () => {
  it('[S5][S6] only failures are limited: better-auth’s own limiter (3 per 10 s) is off, also with NODE_ENV=production', async () => {
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      server = await startTestServer();
    } finally {
      process.env.NODE_ENV = nodeEnv;
    }
    await createAccount(server, LEAD);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await passwordStep(server, LEAD.email, LEAD.password)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200]);
  });
});

describe('behind TLS, as docs/operations.md sets it up', () => {
  it('[S14] TRUST_PROXY=loopback and an https PUBLIC_URL: a __Secure- cookie and HSTS through the proxy, which REST writes and the socket accept', async () => {
    const publicUrl = 'https://holdspace.clinic.example';
    server = await startTestServer({ config: { trustProxy: 'loopback', publicUrl } });
    await createAccount(server, LEAD);
    // What the proxy adds to each request (the Caddy and nginx examples); the browser's Origin is the public address.
    const proxied = { 'x-forwarded-proto': 'https', 'x-forwarded-for': '192.0.2.10', origin: publicUrl };
    const signedIn = await passwordStep(server, LEAD.email, LEAD.password, proxied);
    expect(signedIn.status).toBe(200);
    const line = signedIn.setCookies.find((c) => /session_token=/.test(c))!;
    expect(line).toMatch(/^__Secure-better-auth\.session_token=.*;\s*Secure/i);
    expect(signedIn.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);

    const group = await raw(
      server,
      'POST',
      '/api/groups',
      { name: 'TLS group', members: [{ name: 'Sam' }] },
      { ...proxied, cookie: signedIn.cookie },
    );
    expect(group.status).toBe(201);
    expect(group.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    const socket = await connectSocket(server, signedIn.cookie);
    expect(socket.connected).toBe(true);
    socket.disconnect();
  });
});
