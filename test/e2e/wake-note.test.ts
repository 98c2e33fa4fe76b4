import { expect, test } from 'vitest';
import { ALEX, browserAndServer, DANA, eventually, openScreen, startLiveSession } from './support/holdspace.js';

/**
 * A secure screen that still cannot stay awake says so rather than failing silently (issue 20,
 * docs/console.md L11): one browser without the Wake Lock API, one that refuses the lock.
 */
const env = browserAndServer();

test('[L11] without Wake Lock, or with the lock refused, the live console says so in one calm line', async () => {
  const [lead, co] = await Promise.all([
    openScreen(env.browser, env.server, { account: DANA }),
    openScreen(env.browser, env.server, { account: ALEX }),
  ]);
  // The lead's browser has no Wake Lock at all; the co's has one that says no (as a browser in
  // power-saving mode does), each before any of the page's own code runs.
  await lead.context.addInitScript(() => {
    delete (Navigator.prototype as { wakeLock?: unknown }).wakeLock;
  });
  await co.context.addInitScript(() => {
    WakeLock.prototype.request = () => Promise.reject(new DOMException('Wake Lock refused', 'NotAllowedError'));
  });
  await startLiveSession(env.server, lead, co);

  const line = (screen: typeof lead) => screen.page.getByRole('note');
  await eventually(() => line(lead).textContent()).toBe(
    "This browser can't keep the screen awake — set the tablet's auto-lock to Never for the session.",
  );
  await eventually(() => line(co).textContent()).toBe(
    "The browser refused to keep this screen awake — set the tablet's auto-lock to Never for the session.",
  );
  expect(await lead.page.evaluate(() => document.documentElement.dataset.wakeLock)).toBe('unavailable');
  expect(await co.page.evaluate(() => document.documentElement.dataset.wakeLock)).toBe('refused');
  expect([...lead.errors, ...co.errors]).toEqual([]);
});
