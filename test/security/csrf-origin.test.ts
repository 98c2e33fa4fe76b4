import { afterEach, describe, expect, it } from 'vitest';
import { signIn } from '../support/http.js';
import { createAccount, startTestServer, type TestServer } from '../support/server.js';
import { LEAD } from '../support/session-fixture.js';
import { raw } from './support.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const group = { name: 'Group', members: [{ name: 'Sam' }] };

/**
 * The decision docs/security.md S28 records: a state-changing request that carries a cookie must
 * say its Origin (every current browser does, on every POST/PUT/DELETE); one with no cookie rides
 * on no sign-in, so a client that sends no Origin (curl, a script) is judged by the route alone.
 */
describe('a request that does not say where it came from', () => {
  it("[S28] with a sign-in cookie and no Origin it is refused, on our routes and better-auth's alike", async () => {
    server = await startTestServer();
    await createAccount(server, LEAD);
    const api = await signIn(server, LEAD.email, LEAD.password);
    for (const [method, path, body] of [
      ['POST', '/api/groups', group],
      ['POST', '/api/lock', {}],
      ['POST', '/api/auth/sign-out', {}],
    ] as const) {
      const bare = await raw(server, method, path, body, { cookie: api.cookie });
      expect(bare.status, `${method} ${path}`).toBe(403);
      // Sec-Fetch-Site alone does not stand in for Origin; nor does the opaque origin "null".
      expect(
        (await raw(server, method, path, body, { cookie: api.cookie, 'sec-fetch-site': 'same-origin' })).status,
        `${method} ${path}`,
      ).toBe(403);
      expect((await raw(server, method, path, body, { cookie: api.cookie, origin: 'null' })).status, `${method} ${path}`).toBe(403);
    }
    expect((await raw(server, 'POST', '/api/groups', group, { cookie: api.cookie })).body).toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringMatching(/Origin/),
    });
    // Nothing was made or ended by the refused requests: the sign-in still reads, and no group exists.
    expect((await api.get('/api/groups')).body.groups).toEqual([]);
    // Reads need no Origin: a link followed or a page reloaded sends none.
    expect((await raw(server, 'GET', '/api/groups', undefined, { cookie: api.cookie })).status).toBe(200);
    // The same request saying this origin passes.
    expect((await raw(server, 'POST', '/api/groups', group, { cookie: api.cookie, origin: server.url })).status).toBe(201);
  });

  it('[S28] with no cookie and no Origin it is judged by the route: sign-in works from curl, a private route answers 401', async () => {
    server = await startTestServer();
    await createAccount(server, LEAD);
    const signedIn = await raw(server, 'POST', '/api/auth/sign-in/email', { email: LEAD.email, password: LEAD.password });
    expect(signedIn.status).toBe(200);
    expect(signedIn.setCookies.some((c) => /session_token=/.test(c))).toBe(true);
    expect((await raw(server, 'POST', '/api/groups', group)).status).toBe(401);
  });
});
