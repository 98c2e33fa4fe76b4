import { afterEach, describe, expect, it } from 'vitest';
import { signIn } from '../support/http.js';
import { createAccount, startTestServer, type TestServer } from '../support/server.js';
import { connectSocket } from '../support/sockets.js';
import { LEAD, send, sessionFixture, type SessionFixture } from '../support/session-fixture.js';
import { passwordStep, raw } from './support.js';

let server: TestServer | undefined;
let fx: SessionFixture | undefined;
afterEach(async () => {
  await server?.close();
  await fx?.close();
  server = fx = undefined;
});

const sessionCookie = (setCookies: string[]) => setCookies.find((c) => /session_token=/.test(c))!;

describe('cookies', () => {
  it('[S8] the sign-in cookie is HttpOnly and SameSite=Lax, and not Secure over plain http', async () => {
    server = await startTestServer();
    await createAccount(server, LEAD);
    const cookie = sessionCookie((await passwordStep(server, LEAD.email, LEAD.password)).setCookies);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);
  });

  it('[S9] behind a trusted TLS proxy cookies are Secure; a forged X-Forwarded-Proto without TRUST_PROXY changes nothing', async () => {
    server = await startTestServer({ config: { trustProxy: 'loopback' } });
    await createAccount(server, LEAD);
    // The browser saw https: its Origin says so, and the proxy passes the Host through.
    const https = { 'x-forwarded-proto': 'https', origin: server.url.replace('http:', 'https:') };
    const proxied = await passwordStep(server, LEAD.email, LEAD.password, https);
    expect(sessionCookie(proxied.setCookies)).toMatch(/;\s*Secure/i);
    expect(proxied.headers.get('strict-transport-security')).toMatch(/max-age=/);
    await server.close();

    server = await startTestServer();
    await createAccount(server, LEAD);
    const forged = await passwordStep(server, LEAD.email, LEAD.password, { 'x-forwarded-proto': 'https' });
    expect(sessionCookie(forged.setCookies)).not.toMatch(/Secure/i);
    expect(forged.headers.get('strict-transport-security')).toBeNull();
  });

  it('[S9] with an https PUBLIC_URL every sign-in cookie is Secure', async () => {
    server = await startTestServer({ config: { publicUrl: 'https://holdspace.clinic.example' } });
    await createAccount(server, LEAD);
    const res = await passwordStep(server, LEAD.email, LEAD.password, { origin: 'https://holdspace.clinic.example' });
    expect(sessionCookie(res.setCookies)).toMatch(/^__Secure-.*;\s*Secure/i);
  });
});

describe('cross-site requests', () => {
  it('[S10] a state-changing request from another site is refused; same-origin passes', async () => {
    server = await startTestServer();
    await createAccount(server, LEAD);
    const api = await signIn(server, LEAD.email, LEAD.password);
    const group = { name: 'Group', members: [{ name: 'Sam' }] };
    const evil = await raw(server, 'POST', '/api/groups', group, { cookie: api.cookie, origin: 'https://evil.example' });
    expect(evil).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
    const fetchMeta = await raw(server, 'POST', '/api/groups', group, { cookie: api.cookie, 'sec-fetch-site': 'cross-site' });
    expect(fetchMeta.status).toBe(403);
    const sameSite = await raw(server, 'POST', '/api/groups', group, { cookie: api.cookie, 'sec-fetch-site': 'same-site' });
    expect(sameSite.status).toBe(403); // another port or subdomain of the clinic host is still not us
    expect((await raw(server, 'POST', '/api/auth/sign-in/email', LEAD, { origin: 'https://evil.example' })).status).toBe(403);
    expect(
      (await raw(server, 'POST', '/api/groups', group, { cookie: api.cookie, origin: server.url, 'sec-fetch-site': 'same-origin' })).status,
    ).toBe(201);
    // A cookie with no Origin is refused as well (S28, test/security/csrf-origin.test.ts).
    expect((await raw(server, 'GET', '/api/groups', undefined, { cookie: api.cookie, origin: 'https://evil.example' })).status).toBe(200);
  });
});

describe('a signed-out or revoked sign-in stops at once', () => {
  it("[S11] signing out in one tab closes that sign-in's sockets, and they cannot come back", async () => {
    fx = await sessionFixture();
    const closed = new Promise<string>((resolve) => fx!.lead.socket.once('disconnect', resolve));
    expect((await fx.lead.api.post('/api/auth/sign-out', {})).status).toBe(200);
    expect(await closed).toBe('io server disconnect');
    await expect(connectSocket(fx.server, fx.lead.api.cookie)).rejects.toMatchObject({ data: { code: 'UNAUTHENTICATED' } });
    // The co-facilitator's own sign-in is untouched.
    expect(await send(fx.co.socket, fx.sessionId, { type: 'note.add', text: 'x', memberId: null, private: false })).toMatchObject({
      ok: true,
    });
  });

  it("[S11] a sign-in revoked behind the socket's back: its next command gets UNAUTHENTICATED", async () => {
    fx = await sessionFixture();
    // Revoked without going through a route (another server process, an admin tool): only the
    // per-command check can notice.
    fx.server.db.prepare('DELETE FROM "session" WHERE userId = ?').run(fx.lead.id);
    const closed = new Promise((resolve) => fx!.lead.socket.once('disconnect', resolve));
    expect(await send(fx.lead.socket, fx.sessionId, { type: 'session.start' })).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    await closed;
  });
});
