import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createAccount, type AccountInput, type TestServer } from '../support/server.js';
import { derToPem, plainGet, startHttpsServer, type HttpsServer } from '../tls/support.js';
import { launchBrowser } from './support/browser.js';
import {
  ALEX,
  bothScreens,
  DANA,
  eventually,
  FOUR_MEMBERS,
  goLive,
  openScreen,
  startHoldspace,
  ui,
  type Screen,
  press,
} from './support/holdspace.js';
import { runTheStory } from './support/story.js';
import { homeTrustingCa } from './support/trusted-ca.js';

/**
 * Issue 20 in a real Chromium, reaching the server by a name that is not loopback
 * (`holdspace.test`, mapped to 127.0.0.1), so only TLS can make the page a secure context.
 */
const HOST = 'holdspace.test';
const RESOLVE = `--host-resolver-rules=MAP ${HOST} 127.0.0.1`;

/** The server as a screen on the LAN sees it: its URL by the LAN name. */
const byName = (server: TestServer, scheme: 'http' | 'https', port: number): TestServer => ({
  ...server,
  url: `${scheme}://${HOST}:${port}`,
});

/**
 * Signs in from inside the page: the test's own request context resolves names in Node, which
 * knows no `holdspace.test`; the browser does (the resolver rule), and keeps the cookie.
 */
async function openLanScreen(browser: Browser, lan: TestServer, account: AccountInput): Promise<Screen> {
  const screen = await openScreen(browser, lan);
  // A same-origin page that is not the app: the app's next load is then a signed-in one.
  await screen.page.goto('/api/setup');
  const status = await screen.page.evaluate(
    async ({ email, password }) =>
      (
        await fetch('/api/auth/sign-in/email', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email, password }),
        })
      ).status,
    { email: account.email, password: account.password },
  );
  expect(status, `sign-in of ${account.email}`).toBe(200);
  return screen;
}

/** A REST call from inside the page (same reason as above), answered 201. */
async function postInPage<T>(page: Page, path: string, body: unknown): Promise<T> {
  const answer = await page.evaluate(
    async ({ path, body }) => {
      const response = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return { status: response.status, body: (await response.json()) as unknown };
    },
    { path, body },
  );
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body as T;
}

/** The Tuesday group and a session of it in its lobby, made by the lead: the session's id. */
async function plannedOverLan(lead: Screen, alexId: string): Promise<string> {
  const { group } = await postInPage<{ group: { id: string } }>(lead.page, '/api/groups', {
    name: 'Tuesday anxiety group',
    members: FOUR_MEMBERS.map((name) => ({ name })),
    coFacilitatorId: alexId,
  });
  return (await postInPage<{ session: { id: string } }>(lead.page, `/api/groups/${group.id}/sessions`, {})).session.id;
}

/** The same, then live on both screens. */
async function liveOverLan(lead: Screen, co: Screen, alexId: string): Promise<void> {
  await goLive(lead, co, await plannedOverLan(lead, alexId));
}

const wakeLock = (page: Page) => page.evaluate(() => document.documentElement.dataset.wakeLock ?? null);
const secureContext = (page: Page) => page.evaluate(() => window.isSecureContext);

describe('[S38] over plain http on a LAN name', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startHoldspace>>;
  beforeAll(async () => {
    [browser, server] = await Promise.all([launchBrowser({ args: [RESOLVE] }), startHoldspace()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('the console says, in one calm line, that this screen cannot stay awake here', async () => {
    const lan = byName(server, 'http', server.port);
    const [lead, co] = await Promise.all([openLanScreen(browser, lan, DANA), openLanScreen(browser, lan, ALEX)]);
    await liveOverLan(lead, co, server.ids.alex);
    expect(await secureContext(lead.page)).toBe(false);
    const note = lead.page.getByRole('note');
    await eventually(() => note.textContent()).toMatch(/^This screen can't stay awake here — /);
    expect(await wakeLock(lead.page)).toBe('insecure');
    expect(lead.errors).toEqual([]);
  });
});

describe('[S36] [S37] over https with the local CA trusted', () => {
  let browser: Browser;
  let server: HttpsServer;
  let home: string;
  let ids: { dana: string; alex: string };
  let lead: Screen;
  let co: Screen;
  const screens = bothScreens(() => [lead, co]);

  beforeAll(async () => {
    server = await startHttpsServer({ hostName: HOST, serveClient: true, config: { logLevel: process.env.E2E_LOG_LEVEL ?? 'silent' } });
    ids = { dana: (await createAccount(server, DANA)).id, alex: (await createAccount(server, ALEX)).id };
    // The CA as a device gets it: from the trust page, over plain http, by the LAN name.
    const ca = await plainGet(server.httpPort!, '/trust/holdspace-ca.crt', `${HOST}:${server.httpPort}`);
    home = homeTrustingCa(derToPem(ca.body));
    browser = await launchBrowser({ args: [RESOLVE], env: { ...process.env, HOME: home } });
    const lan = byName(server, 'https', server.port);
    [lead, co] = await Promise.all([openLanScreen(browser, lan, DANA), openLanScreen(browser, lan, ALEX)]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (home) fs.rmSync(home, { recursive: true, force: true });
  });

  test('the http address leads to the https one, which the browser trusts: a secure context with its service worker', async () => {
    await lead.page.goto(`http://${HOST}:${server.httpPort}/`);
    expect(lead.page.url()).toBe(`https://${HOST}:${server.port}/`);
    expect(await secureContext(lead.page)).toBe(true);
    const scope = await lead.page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    expect(scope).toBe(`https://${HOST}:${server.port}/`);
  });

  test('the trust page stays on http and offers the certificate and the secure address', async () => {
    const page = await co.context.newPage();
    await page.goto(`http://${HOST}:${server.httpPort}/trust`);
    await page.getByRole('heading', { name: 'Trust this server' }).waitFor();
    await page.getByRole('link', { name: 'Download the certificate' }).waitFor();
    await page.getByRole('img', { name: `QR code for https://${HOST}:${server.port}/` }).waitFor();
    expect(await page.evaluate(() => window.isSecureContext)).toBe(false);
    await page.close();
  });

  test("two screens run a session over https; the lead's screen is kept awake during it and let go after", async () => {
    await liveOverLan(lead, co, ids.alex);
    await eventually(() => wakeLock(lead.page)).toBe('held');
    await eventually(() => wakeLock(co.page)).toBe('held');
    expect(await lead.page.getByRole('note').count()).toBe(0);

    await ui(co.page).button('Agreements reviewed').click();
    await screens.onBoth((page) => page.getByText('Agreements reviewed', { exact: true }).waitFor());
    await press(lead.page, 'Next phase');
    await screens.phaseIs('Sharing');

    await ui(lead.page).button('End session').click();
    await lead.page.getByRole('dialog', { name: 'End the session?' }).getByRole('button', { name: 'End session' }).click();
    await eventually(() => wakeLock(lead.page)).toBe('released');
    await eventually(() => wakeLock(co.page)).toBe('released');
    expect(lead.errors).toEqual([]);
    expect(co.errors).toEqual([]);
  });

  test('[L10] the whole two-screen story runs over https by the LAN name, both screens agreeing at every step', async () => {
    const sessionId = await plannedOverLan(lead, ids.alex);
    await Promise.all([lead, co].map((screen) => screen.page.goto(`/#/sessions/${sessionId}`)));
    await runTheStory(lead, co);
    expect(lead.page.url().startsWith(`https://${HOST}:`)).toBe(true);
    expect(await secureContext(co.page)).toBe(true);
    expect(lead.errors).toEqual([]);
    expect(co.errors).toEqual([]);
  });
});
