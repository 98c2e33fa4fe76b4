import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import { PROTOCOL_VERSION } from '../../shared/protocol.js';
import { createAccount, startTestServer, type TestServer } from '../support/server.js';
import { LEAD } from '../support/session-fixture.js';
import { capturedLogger } from '../privacy/support.js';
import { passwordStep, sendAsIs } from './support.js';

/** [S58] A Host header that names no host is the client's mistake (400), never the server's (500). */
let server: TestServer;
let logged: () => string;
beforeAll(async () => {
  const captured = capturedLogger();
  logged = captured.text;
  server = await startTestServer({ logger: captured.logger });
  await createAccount(server, LEAD);
});
afterAll(() => server?.close());

const MALFORMED = ['a b', 'x:99999', '[::1', 'a@b.org', 'http://x', 'x/y', 'x?y', 'x#y', 'x\\y', ':80'];
const ROUTES = [
  ['GET', '/api/session'],
  ['GET', '/api/auth/get-session'],
  ['POST', '/api/auth/sign-in/email'],
  ['GET', '/api/groups'],
] as const;

describe('[S58] the Host header', () => {
  it('names no host: every route answers 400 BAD_REQUEST, and nothing is logged as the server’s error', async () => {
    for (const host of MALFORMED) {
      for (const [method, path] of ROUTES) {
        const body = method === 'POST' ? { email: LEAD.email, password: LEAD.password } : undefined;
        const res = await sendAsIs(server, method, path, { host }, body);
        expect([host, path, res.status, JSON.parse(res.text).code]).toEqual([host, path, 400, 'BAD_REQUEST']);
      }
    }
    expect(logged()).not.toContain('"level":50');
  });

  it('a forged X-Forwarded-Proto (no TRUST_PROXY) is not believed: sign-in works and nothing fails', async () => {
    for (const proto of ['a b', 'javascript', 'https, http', 'ftp']) {
      const res = await passwordStep(server, LEAD.email, LEAD.password, { 'x-forwarded-proto': proto });
      expect([proto, res.status]).toEqual([proto, 200]);
    }
    expect(logged()).not.toContain('"level":50');
  });

  it('names a host — a name with an underscore, an IPv6 address, a port or none — and is served as before', async () => {
    const signIn = (host: string, password: string) =>
      sendAsIs(server, 'POST', '/api/auth/sign-in/email', { host, origin: `http://${host}` }, { email: LEAD.email, password });
    for (const host of ['holdspace_app:3000', '[::1]:8080', 'clinic.example.org', '192.168.1.20', 'LOCALHOST']) {
      expect([host, (await signIn(host, LEAD.password)).status]).toEqual([host, 200]);
    }
    expect((await signIn('clinic.example.org', 'not the password')).status).toBe(401);
  });

  it('on a socket handshake (a client that sends no Origin): refused BAD_REQUEST, and the process keeps serving', async () => {
    const { cookie } = await passwordStep(server, LEAD.email, LEAD.password);
    const socket = io(server.url, {
      transports: ['websocket'],
      reconnection: false,
      auth: { protocolVersion: PROTOCOL_VERSION },
      extraHeaders: { cookie, host: 'a b' },
    });
    const refused = await new Promise<Error & { data?: { code?: string } }>((resolve) => socket.once('connect_error', resolve));
    socket.close();
    expect(refused.data?.code).toBe('BAD_REQUEST');
    expect(logged()).not.toContain('"level":50');
    expect((await sendAsIs(server, 'GET', '/healthz')).status).toBe(200);
  });
});
