import { afterEach, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../server/config.js';
import { createAccount, startTestServer, type TestServer } from '../support/server.js';
import { CO, LEAD } from '../support/session-fixture.js';
import { passwordStep } from './support.js';

let server: TestServer;
afterEach(() => server.close());

/** Small numbers so the story fits in a test; the shape is the production one. */
const signIn = (over: Partial<ReturnType<typeof defaultConfig>['signIn']> = {}) => ({
  ...defaultConfig().signIn,
  failuresPerAccount: 4,
  failuresPerAddress: 50,
  slowAfter: 100,
  delayStepMs: 0,
  ...over,
});

describe('brute force on sign-in', () => {
  it('[S5] repeated failures on one account are refused with a clear message, even with the right password', async () => {
    server = await startTestServer({ config: { signIn: signIn() } });
    await createAccount(server, LEAD);
    await createAccount(server, CO);
    for (let i = 0; i < 4; i++) expect((await passwordStep(server, LEAD.email, `wrong password ${i}`)).status).toBe(401);
    const refused = await passwordStep(server, LEAD.email, LEAD.password);
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({ code: 'RATE_LIMITED', message: 'Too many sign-in attempts: try again in 15 minutes.' });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(14 * 60);
    // Case does not give an attacker a fresh count.
    expect((await passwordStep(server, LEAD.email.toUpperCase(), LEAD.password)).status).toBe(429);
    // Another account from the same address is not punished for it.
    expect((await passwordStep(server, CO.email, CO.password)).status).toBe(200);
  });

  it('[S5] successful sign-ins do not use up the allowance', async () => {
    server = await startTestServer({ config: { signIn: signIn() } });
    await createAccount(server, LEAD);
    for (let i = 0; i < 8; i++) expect((await passwordStep(server, LEAD.email, LEAD.password)).status).toBe(200);
  });

  it('[S6][S9] one address spraying many accounts is refused; behind a trusted proxy, addresses are told apart', async () => {
    server = await startTestServer({
      config: { trustProxy: 'loopback', signIn: signIn({ failuresPerAccount: 100, failuresPerAddress: 5 }) },
    });
    await createAccount(server, LEAD);
    const from = (ip: string) => ({ 'x-forwarded-for': ip });
    for (let i = 0; i < 5; i++)
      expect((await passwordStep(server, `nobody${i}@example.org`, 'guess guess guess', from('203.0.113.7'))).status).toBe(401);
    expect((await passwordStep(server, LEAD.email, LEAD.password, from('203.0.113.7'))).status).toBe(429);
    expect((await passwordStep(server, LEAD.email, LEAD.password, from('198.51.100.20'))).status).toBe(200);
  });

  it('[S6][S9] without TRUST_PROXY a forged X-Forwarded-For does not buy a fresh address', async () => {
    server = await startTestServer({ config: { signIn: signIn({ failuresPerAccount: 100, failuresPerAddress: 3 }) } });
    await createAccount(server, LEAD);
    for (let i = 0; i < 3; i++) {
      expect(
        (await passwordStep(server, `nobody${i}@example.org`, 'guess guess guess', { 'x-forwarded-for': `198.51.100.${i}` })).status,
      ).toBe(401);
    }
    expect((await passwordStep(server, LEAD.email, LEAD.password, { 'x-forwarded-for': '198.51.100.99' })).status).toBe(429);
  });

  it('[S7] after a few failures each further attempt is slowed before it is refused', async () => {
    server = await startTestServer({
      config: { signIn: signIn({ slowAfter: 2, delayStepMs: 300, maxDelayMs: 1000, failuresPerAccount: 6 }) },
    });
    await createAccount(server, LEAD);
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const attempt = await passwordStep(server, LEAD.email, 'wrong password!');
      expect(attempt.status).toBe(401);
      times.push(attempt.ms);
    }
    // Attempts 3, 4 and 5 wait 300, 600 and 900 ms more (by account and by address: at least that).
    expect(times[2]! - times[0]!).toBeGreaterThanOrEqual(250);
    expect(times[4]! - times[0]!).toBeGreaterThanOrEqual(850);
    expect((await passwordStep(server, LEAD.email, 'wrong password!')).status).toBe(401);
    expect((await passwordStep(server, LEAD.email, LEAD.password)).status).toBe(429);
  });
});
