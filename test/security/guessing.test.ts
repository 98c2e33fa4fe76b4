import { afterEach, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../server/config.js';
import { signIn } from '../support/http.js';
import { createAccount, startTestServer, type TestServer } from '../support/server.js';
import { CO, LEAD } from '../support/session-fixture.js';
import { enableTwoFactor, passwordStep, raw } from './support.js';

let server: TestServer;
afterEach(() => server.close());

/** Small numbers so the story fits in a test; the shape is the production one. */
const limits = (over: Partial<ReturnType<typeof defaultConfig>['signIn']> = {}) => ({
  ...defaultConfig().signIn,
  failuresPerAccount: 4,
  failuresPerAddress: 50,
  slowAfter: 100,
  delayStepMs: 0,
  ...over,
});

/** A sign-in with the body in another encoding, from a given (proxied) address. */
async function signInAs(contentType: string, body: string, from: string) {
  const res = await fetch(`${server.url}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'content-type': contentType, origin: server.url, 'x-forwarded-for': from },
    body,
  });
  return { status: res.status, body: await res.json().catch(() => null) };
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

describe('the guards read every body better-auth reads', () => {
  it('[S5] a locked account stays locked for a form-encoded sign-in from another address', async () => {
    server = await startTestServer({ config: { trustProxy: 'loopback', signIn: limits() } });
    await createAccount(server, LEAD);
    for (let i = 0; i < 4; i++) {
      expect((await passwordStep(server, LEAD.email, `wrong password ${i}`, { 'x-forwarded-for': '203.0.113.7' })).status).toBe(401);
    }
    const formed = await signInAs(
      'application/x-www-form-urlencoded',
      form({ email: LEAD.email, password: LEAD.password }),
      '198.51.100.20',
    );
    expect(formed).toMatchObject({ status: 429, body: { code: 'RATE_LIMITED' } });
    // Form failures count against the account too: another account, locked by forms alone.
    await createAccount(server, CO);
    for (let i = 0; i < 4; i++) {
      expect(
        (
          await signInAs(
            'application/x-www-form-urlencoded',
            form({ email: CO.email, password: `wrong ${i} password` }),
            `198.51.100.${30 + i}`,
          )
        ).status,
      ).toBe(401);
    }
    expect((await passwordStep(server, CO.email, CO.password, { 'x-forwarded-for': '198.51.100.99' })).status).toBe(429);
  });

  it('[S5] bodies the guards cannot read are refused, and a form field given twice is refused', async () => {
    server = await startTestServer({ config: { trustProxy: 'loopback', signIn: limits() } });
    await createAccount(server, LEAD);
    const json = JSON.stringify({ email: LEAD.email, password: LEAD.password });
    // A charset the guard's parser does not read is refused, not passed on unread.
    expect((await signInAs('application/json; charset=latin1', json, '198.51.100.1')).status).toBe(415);
    expect((await signInAs('text/plain', json, '198.51.100.2')).status).toBe(415);
    expect((await signInAs('application/vnd.holdspace+json', json, '198.51.100.3')).status).toBe(415);
    const multipart = new FormData();
    multipart.set('email', LEAD.email);
    multipart.set('password', LEAD.password);
    const res = await fetch(`${server.url}/api/auth/sign-in/email`, { method: 'POST', headers: { origin: server.url }, body: multipart });
    expect(res.status).toBe(415);
    // better-auth would take the last email, a naive guard the first (or none).
    const twice = `email=${encodeURIComponent('nobody@example.org')}&email=${encodeURIComponent(LEAD.email)}&password=x`;
    expect((await signInAs('application/x-www-form-urlencoded', twice, '198.51.100.4')).status).toBe(400);
    // The ordinary encodings still work.
    expect((await signInAs('application/json', json, '198.51.100.5')).status).toBe(200);
    expect(
      (await signInAs('application/x-www-form-urlencoded', form({ email: LEAD.email, password: LEAD.password }), '198.51.100.6')).status,
    ).toBe(200);
  });
});

describe('every route that takes a password is guarded like sign-in', () => {
  it('[S22] wrong passwords on get-totp-uri are limited, count against sign-in, and never reveal the secret', async () => {
    server = await startTestServer({ config: { signIn: limits() } });
    await createAccount(server, LEAD);
    const api = await signIn(server, LEAD.email, LEAD.password);
    await enableTwoFactor(server, api, LEAD.password).then(async ({ api: enrolled }) => {
      const headers = { cookie: enrolled.cookie, origin: server.url };
      for (let i = 0; i < 4; i++) {
        expect((await raw(server, 'POST', '/api/auth/two-factor/get-totp-uri', { password: `wrong guess ${i}` }, headers)).status).toBe(
          400,
        );
      }
      const right = await raw(server, 'POST', '/api/auth/two-factor/get-totp-uri', { password: LEAD.password }, headers);
      expect(right).toMatchObject({ status: 429, body: { code: 'RATE_LIMITED' } });
      expect(JSON.stringify(right.body)).not.toContain('otpauth');
    });
    // The same account's sign-in is locked by those guesses: one count for all its routes.
    expect((await passwordStep(server, LEAD.email, LEAD.password)).status).toBe(429);
  });

  it('[S5][S22] wrong codes at the second step count against the account that owes them', async () => {
    server = await startTestServer({ config: { trustProxy: 'loopback', signIn: limits() } });
    await createAccount(server, LEAD);
    await enableTwoFactor(server, await signIn(server, LEAD.email, LEAD.password), LEAD.password);
    const step = await passwordStep(server, LEAD.email, LEAD.password, { 'x-forwarded-for': '203.0.113.7' });
    for (let i = 0; i < 4; i++) {
      const wrong = await raw(
        server,
        'POST',
        '/api/auth/two-factor/verify-totp',
        { code: `00000${i}` },
        { cookie: step.cookie, origin: server.url, 'x-forwarded-for': `198.51.100.${i}` },
      );
      expect(wrong.status).toBe(401);
    }
    // Four addresses, one account: its password step is now refused from a fifth.
    expect((await passwordStep(server, LEAD.email, LEAD.password, { 'x-forwarded-for': '192.0.2.1' })).status).toBe(429);
  });

  it('[S22] once an account is locked, every password-taking route refuses it, even with the right password', async () => {
    server = await startTestServer({ config: { signIn: limits({ failuresPerAccount: 2 }) } });
    await createAccount(server, LEAD);
    const api = await signIn(server, LEAD.email, LEAD.password);
    const { api: enrolled } = await enableTwoFactor(server, api, LEAD.password);
    for (let i = 0; i < 2; i++) expect((await passwordStep(server, LEAD.email, `wrong guess ${i}`)).status).toBe(401);
    const headers = { cookie: enrolled.cookie, origin: server.url };
    const routes: [string, object][] = [
      ['/api/auth/two-factor/get-totp-uri', { password: LEAD.password }],
      ['/api/auth/two-factor/enable', { password: LEAD.password }],
      ['/api/auth/two-factor/disable', { password: LEAD.password }],
      ['/api/auth/two-factor/generate-backup-codes', { password: LEAD.password }],
      ['/api/auth/change-password', { currentPassword: LEAD.password, newPassword: 'a much newer passphrase here' }],
      ['/api/auth/verify-password', { password: LEAD.password }],
      ['/api/auth/delete-user', { password: LEAD.password }],
      ['/api/unlock', { password: LEAD.password }],
    ];
    await enrolled.post('/api/lock', {});
    const answers = [];
    for (const [path, body] of routes) answers.push([path, (await raw(server, 'POST', path, body, headers)).status]);
    expect(answers).toEqual(routes.map(([path]) => [path, 429]));
    // The account is still there and still has two-factor on.
    expect(server.db.prepare('SELECT twoFactorEnabled AS enabled FROM user WHERE email = ?').get(LEAD.email)).toMatchObject({ enabled: 1 });
  });
});
