import { afterEach, describe, expect, it } from 'vitest';
import { signIn } from '../support/http.js';
import { createAccount, startTestServer, type TestServer } from '../support/server.js';
import { connectSocket } from '../support/sockets.js';
import { CO, LEAD } from '../support/session-fixture.js';
import { enableTwoFactor, passwordStep, raw, totpNow } from './support.js';

let server: TestServer;
afterEach(() => server.close());

describe('two-factor sign-in', () => {
  it('[S3] with TOTP on, sign-in asks for the code, refuses a wrong one and signs in with the right one', async () => {
    server = await startTestServer();
    await createAccount(server, LEAD);
    const { totpURI, backupCodes } = await enableTwoFactor(server, await signIn(server, LEAD.email, LEAD.password), LEAD.password);
    expect(totpURI).toMatch(/^otpauth:\/\/totp\/Holdspace:/);
    expect(backupCodes).toHaveLength(10);

    const first = await passwordStep(server, LEAD.email, LEAD.password);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ twoFactorRedirect: true, twoFactorMethods: ['totp'] });
    expect(first.cookie).not.toMatch(/session_token/); // not signed in yet
    expect((await raw(server, 'GET', '/api/me', undefined, { cookie: first.cookie })).status).toBe(401);

    const wrong = await raw(
      server,
      'POST',
      '/api/auth/two-factor/verify-totp',
      { code: '000000' },
      { cookie: first.cookie, origin: server.url },
    );
    expect(wrong.status).toBe(401);
    const right = await raw(
      server,
      'POST',
      '/api/auth/two-factor/verify-totp',
      { code: await totpNow(totpURI) },
      { cookie: first.cookie, origin: server.url },
    );
    expect(right.status).toBe(200);
    const cookie = right.setCookies.map((c) => c.split(';')[0]).join('; ');
    const me = await raw(server, 'GET', '/api/me', undefined, { cookie });
    expect(me.body).toMatchObject({ user: { email: LEAD.email }, twoFactorEnabled: true, mustEnrolTwoFactor: false });
  });

  it('[S3] a backup code signs in once, and never again', async () => {
    server = await startTestServer();
    await createAccount(server, LEAD);
    const { backupCodes } = await enableTwoFactor(server, await signIn(server, LEAD.email, LEAD.password), LEAD.password);
    const useCode = async (code: string) => {
      const step = await passwordStep(server, LEAD.email, LEAD.password);
      return raw(server, 'POST', '/api/auth/two-factor/verify-backup-code', { code }, { cookie: step.cookie, origin: server.url });
    };
    expect((await useCode(backupCodes[0]!)).status).toBe(200);
    expect((await useCode(backupCodes[0]!)).status).toBe(401);
    expect((await useCode(backupCodes[1]!)).status).toBe(200);
  });

  it('[S3] turning it off needs the password; sign-in then asks for no code', async () => {
    server = await startTestServer();
    await createAccount(server, LEAD);
    const { api } = await enableTwoFactor(server, await signIn(server, LEAD.email, LEAD.password), LEAD.password);
    const headers = { cookie: api.cookie, origin: server.url };
    expect((await raw(server, 'POST', '/api/auth/two-factor/disable', { password: 'not the password' }, headers)).status).toBe(400);
    expect((await raw(server, 'POST', '/api/auth/two-factor/disable', { password: LEAD.password }, headers)).status).toBe(200);
    const step = await passwordStep(server, LEAD.email, LEAD.password);
    expect(step.body.twoFactorRedirect).toBeUndefined();
    expect(step.cookie).toMatch(/session_token/);
  });

  it('[S4] when an admin requires 2FA, an account without it can only enrol; then everything opens again', async () => {
    server = await startTestServer();
    await createAccount(server, { ...LEAD, admin: true });
    await createAccount(server, CO);
    const admin = await signIn(server, LEAD.email, LEAD.password);
    const co = await signIn(server, CO.email, CO.password);
    expect((await co.put('/api/settings', { requireTwoFactor: true })).status).toBe(403);
    expect((await admin.put('/api/settings', { requireTwoFactor: true })).body.settings).toMatchObject({ requireTwoFactor: true });

    expect(await co.get('/api/me')).toMatchObject({ status: 200, body: { mustEnrolTwoFactor: true } });
    expect(await co.get('/api/groups')).toMatchObject({ status: 403, body: { code: 'TWO_FACTOR_REQUIRED' } });
    await expect(connectSocket(server, co.cookie)).rejects.toMatchObject({ data: { code: 'TWO_FACTOR_REQUIRED' } });

    const enrolled = await enableTwoFactor(server, co, CO.password);
    expect((await enrolled.api.get('/api/groups')).status).toBe(200);
    const socket = await connectSocket(server, enrolled.api.cookie);
    socket.disconnect();
    // While required, it cannot be turned off again.
    const off = await raw(
      server,
      'POST',
      '/api/auth/two-factor/disable',
      { password: CO.password },
      { cookie: enrolled.api.cookie, origin: server.url },
    );
    expect(off).toMatchObject({ status: 409, body: { code: 'NOT_ALLOWED' } });
  });
});
