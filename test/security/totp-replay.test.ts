import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { signIn } from '../support/http.js';
import { createAccount, startTestServer, type TestServer } from '../support/server.js';
import { LEAD } from '../support/session-fixture.js';
import { cookieOf, passwordStep, raw, totpAt, totpStep } from './support.js';

let server: TestServer;
// The clock is held in the middle of a 30-second step: which codes are valid must not change
// between the test choosing one and the server checking it (a step boundary crossed mid-request
// once made the last code of the first test stale). Only Date is faked; timers run for real.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime((Math.floor(Date.now() / 30_000) + 0.5) * 30_000);
});
afterEach(async () => {
  await server.close();
  vi.useRealTimers();
});

const verify = (code: string, cookie: string) =>
  raw(server, 'POST', '/api/auth/two-factor/verify-totp', { code }, { cookie, origin: server.url });

/** Enrols by hand, so the test knows exactly which code confirmed the enrolment. */
async function enrol() {
  const api = await signIn(server, LEAD.email, LEAD.password);
  const enabled = await raw(
    server,
    'POST',
    '/api/auth/two-factor/enable',
    { password: LEAD.password },
    { cookie: api.cookie, origin: server.url },
  );
  const totpURI: string = enabled.body.totpURI;
  const step = totpStep();
  const code = await totpAt(totpURI, 0, step);
  const confirmed = await verify(code, api.cookie);
  expect(confirmed.status).toBe(200);
  return { totpURI, step, enrolCode: code, cookie: cookieOf(confirmed.setCookies) };
}

describe('one use per TOTP code', () => {
  it('[S23] a code accepted once is refused the second time within its window, at sign-in and after enrolment', async () => {
    server = await startTestServer();
    await createAccount(server, LEAD);
    const { totpURI, step, enrolCode } = await enrol();

    // The code that confirmed the enrolment cannot sign in, though it is still within its time.
    const first = await passwordStep(server, LEAD.email, LEAD.password);
    const replayed = await verify(enrolCode, first.cookie);
    expect(replayed).toMatchObject({
      status: 401,
      body: { code: 'TOTP_CODE_USED', message: 'This code has already been used: wait for the next one.' },
    });
    expect(replayed.setCookies.join()).not.toMatch(/session_token=[^;]/);

    // The next step's code (the app's next one; the server accepts one step of drift) signs in once.
    const next = await totpAt(totpURI, 1, step);
    expect((await verify(next, first.cookie)).status).toBe(200);
    const second = await passwordStep(server, LEAD.email, LEAD.password);
    expect((await verify(next, second.cookie)).body).toMatchObject({ code: 'TOTP_CODE_USED' });
    // A wrong code claims nothing: the right, unused one still works after it.
    expect((await verify('000000', second.cookie)).status).toBe(401);
    // The one valid step still unused: the previous one.
    expect(totpStep()).toBe(step);
    expect((await verify(await totpAt(totpURI, -1, step), second.cookie)).status).toBe(200);
  });

  it('[S23] two sign-ins racing with the same code: exactly one wins', async () => {
    server = await startTestServer();
    await createAccount(server, LEAD);
    const { totpURI } = await enrol();
    const code = await totpAt(totpURI, 1);
    const steps = await Promise.all([passwordStep(server, LEAD.email, LEAD.password), passwordStep(server, LEAD.email, LEAD.password)]);
    const answers = await Promise.all(steps.map((step) => verify(code, step.cookie)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 401]);
  });
});
