import { expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAndServer, ALEX, DANA, eventually, memberAction, openScreen, startLiveSession, ui, press } from './support/holdspace.js';

/** Time and network faults: a tablet with a wrong clock, a tablet that drops off the Wi-Fi. */
const env = browserAndServer();

/** Reads a timer on two screens at (nearly) the same instant. */
const readBoth = (a: Page, b: Page, name: 'Phase time' | 'Turn time') =>
  Promise.all([ui(a).timer(name).textContent(), ui(b).timer(name).textContent()]);

test('a co-facilitator whose clock is 7 minutes 13 seconds fast shows the same Phase time as the lead, to the second', async () => {
  const lead = await openScreen(env.browser, env.server, { account: DANA });
  const co = await openScreen(env.browser, env.server, { account: ALEX, clockShiftMs: 7 * 60_000 + 13_000 });
  await co.page.goto('/');
  const skew = (await co.page.evaluate(() => Date.now())) - Date.now();
  expect(Math.abs(skew - (7 * 60_000 + 13_000))).toBeLessThan(5_000);
  await startLiveSession(env.server, lead, co);
  await press(lead.page, 'Next phase');
  await eventually(() => ui(co.page).currentPhase.textContent()).toBe('Sharing');
  await memberAction(lead.page, 'Sam', 'Give the floor');
  await eventually(() => ui(co.page).timer('Turn time').textContent()).toMatch(/^0:0\d$/);

  // Both screens tick on the server's whole seconds, so simultaneous reads agree; a read that
  // straddles a tick may differ once, never by minutes.
  for (const name of ['Phase time', 'Turn time'] as const) {
    await eventually(async () => {
      const [a, b] = await readBoth(lead.page, co.page, name);
      return a === b ? a : `lead ${a} vs co ${b}`;
    }).toMatch(/^0:0\d$/);
  }
  await co.page.waitForTimeout(2_100);
  await eventually(async () => {
    const [a, b] = await readBoth(lead.page, co.page, 'Phase time');
    return a === b && a !== '0:00' ? 'same' : `lead ${a} vs co ${b}`;
  }).toBe('same');
  expect(lead.errors).toEqual([]);
  expect(co.errors).toEqual([]);
  await Promise.all([lead.context.close(), co.context.close()]);
});

test('a co-facilitator offline for several seconds shows Reconnecting…, then catches up without a reload', async () => {
  const lead = await openScreen(env.browser, env.server, { account: DANA });
  const co = await openScreen(env.browser, env.server, { account: ALEX });
  await startLiveSession(env.server, lead, co);
  // A marker that a reload would wipe.
  await co.page.evaluate(() => Object.assign(window, { __sameDocument: true }));

  await co.context.setOffline(true);
  await eventually(() => ui(co.page).status.textContent()).toBe('Reconnecting…');
  expect(await ui(co.page).button('Next phase').isDisabled()).toBe(true);
  const phaseTime = await ui(co.page).timer('Phase time').textContent();

  // The lead carries on meanwhile.
  await press(lead.page, 'Next phase');
  await eventually(() => ui(lead.page).currentPhase.textContent()).toBe('Sharing');
  await memberAction(lead.page, 'Priya', 'Give the floor');
  await memberAction(lead.page, 'Jo', 'Add to queue');
  await lead.page.waitForTimeout(3_000);
  // Offline, the co's screen still shows the old phase, and its timers keep counting.
  expect(await ui(co.page).currentPhase.textContent()).toBe('Introduction');
  expect(await ui(co.page).timer('Phase time').textContent()).not.toBe(phaseTime);

  await co.context.setOffline(false);
  await eventually(() => ui(co.page).status.textContent()).toBe('Connected');
  await eventually(() => ui(co.page).currentPhase.textContent()).toBe('Sharing');
  await eventually(() => ui(co.page).currentSpeaker.locator('.speaker-name').textContent()).toBe('Priya');
  await eventually(() => ui(co.page).queue.locator('.queue-name').allTextContents()).toEqual(['Jo']);
  expect(await co.page.evaluate(() => (window as { __sameDocument?: boolean }).__sameDocument)).toBe(true);

  // And it acts again at once.
  await press(co.page, 'Next speaker');
  await eventually(() => ui(lead.page).currentSpeaker.locator('.speaker-name').textContent()).toBe('Jo');
  expect(lead.errors).toEqual([]);
  expect(co.errors).toEqual([]);
  await Promise.all([lead.context.close(), co.context.close()]);
});
