import { base32 } from '@better-auth/utils/base32';
import { createOTP } from '@better-auth/utils/otp';
import { expect, test } from 'vitest';
import type { Request } from 'playwright-core';
import { browserAndServer, ALEX, createGroup, createSession, DANA, eventually, openScreen, openSession, ui } from './support/holdspace.js';

/**
 * Sign-in security in the browser (docs/security.md S3, S18): turning on two-factor sign-in on the
 * Account page and signing in with a code; the idle lock, which locks a screen outside a live
 * session and never the live console.
 */
const env = browserAndServer();

/**
 * What the authenticator app shows for this setup key, `steps` 30-second steps from now (RFC 6238,
 * better-auth's own helper). Each code works once (S23): a second sign-in within the same step
 * uses the next step's code, which the server also accepts.
 */
const codeFor = (setupKey: string, steps = 0) => createOTP(base32.decode(setupKey)).hotp(Math.floor(Date.now() / 30_000) + steps);

test('two-factor sign-in is turned on from the Account page; then signing in asks for the app’s code', async () => {
  const { page, context, errors } = await openScreen(env.browser, env.server);
  await page.goto('/');
  await page.getByLabel('Email').fill(ALEX.email);
  await page.getByLabel('Password').fill(ALEX.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('link', { name: `Account: ${ALEX.name}` }).click();

  await page.getByRole('button', { name: 'Set up two-factor sign-in' }).click();
  await page.getByLabel('Password').fill(ALEX.password);
  await page.getByRole('button', { name: 'Set up two-factor sign-in' }).click();
  const setupKey = (await page.getByLabel('Setup key').textContent())!;
  expect(setupKey).toMatch(/^[A-Z2-7]+=*$/);
  await page.getByLabel('Code from the app').fill(await codeFor(setupKey));
  await page.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
  await eventually(() => page.getByRole('list', { name: 'Backup codes' }).getByRole('listitem').count()).toBe(10);
  await page.getByRole('button', { name: 'I have saved these codes' }).click();
  await page.getByText('On. Each sign-in asks for a code from your authenticator app.').waitFor();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByLabel('Email').fill(ALEX.email);
  await page.getByLabel('Password').fill(ALEX.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Two-factor sign-in' }).waitFor();
  // The password alone signed nobody in.
  expect((await context.request.get('/api/me')).status()).toBe(401);
  await page.getByLabel('Authentication code').fill('000000');
  await page.getByRole('button', { name: 'Verify' }).click();
  await page.getByRole('alert').getByText('That code is not right').waitFor();
  await page.getByLabel('Authentication code').fill(await codeFor(setupKey, 1));
  await page.getByRole('button', { name: 'Verify' }).click();
  // Signed in, back on the page signed out from.
  await page.getByRole('heading', { name: 'Account', level: 1 }).waitFor();
  await page.getByText('On. Each sign-in asks for a code from your authenticator app.').waitFor();
  expect((await (await context.request.get('/api/me')).json()).twoFactorEnabled).toBe(true);
  expect(errors).toEqual([]);
  await context.close();
});

test('an idle screen locks after the idle time and unlocks with the password; the live console never locks', async () => {
  const lead = await openScreen(env.browser, env.server, { account: DANA });
  const { page, context } = lead;
  // The page's clock is Playwright's, so 15 idle minutes pass in one call (as a closed tablet cover would).
  await context.clock.install();
  const lockRequests: string[] = [];
  page.on('request', (request: Request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/lock') lockRequests.push(request.url());
  });

  await page.goto('/');
  await page.getByRole('heading', { name: 'Groups' }).waitFor();
  await page.clock.fastForward('14:00');
  await page.waitForTimeout(300);
  expect(lockRequests).toEqual([]); // not yet: the default is 15 minutes
  await page.clock.fastForward('01:30');
  await page.getByRole('heading', { name: 'Screen locked' }).waitFor();
  expect(lockRequests).toHaveLength(1);
  // Locked on the server: a reload shows the lock again.
  await page.reload();
  await page.getByRole('heading', { name: 'Screen locked' }).waitFor();
  await page.getByLabel('Password').fill(DANA.password);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page.getByRole('heading', { name: 'Groups' }).waitFor();

  // A live session: the same idle time passes, and the console stays.
  const group = await createGroup(lead, env.server);
  const session = await createSession(lead, group.id);
  await openSession(lead, session.id);
  await page.getByRole('checkbox', { name: 'Present: Sam' }).check();
  await ui(page).button('Start session').click();
  await eventually(() => ui(page).currentPhase.textContent()).toBe('Introduction');
  const checked = page.waitForRequest((r) => r.method() === 'GET' && new URL(r.url()).pathname === `/api/sessions/${session.id}`);
  await page.clock.fastForward('16:00');
  await checked; // the idle check asked whether a live session is on screen
  await page.waitForTimeout(1_000);
  expect(lockRequests).toHaveLength(1);
  expect(await page.getByRole('heading', { name: 'Screen locked' }).count()).toBe(0);
  expect(await ui(page).currentPhase.textContent()).toBe('Introduction');
  await eventually(() => ui(page).status.textContent()).toBe('Connected');
  expect(lead.errors).toEqual([]);
  await context.close();
});
