import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { ALEX, browserAndServer, DANA, eventually, openScreen, startLiveSession, ui, press } from './support/holdspace.js';

/**
 * The account lifecycle in the browser (docs/security.md S42, S44): a person ends their own
 * sign-in on another device from the Account page; an admin disables someone who left, and that
 * person's open console is cut off at once while the colleague's carries on.
 */
const env = browserAndServer();

/** Serious and critical axe-core violations, as in accessibility.test.ts. */
async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`);
}

test('[S44] a facilitator sees their sign-ins and signs out another device, whose console is cut off', async () => {
  const lead = await openScreen(env.browser, env.server, { account: DANA });
  const tablet = await openScreen(env.browser, env.server, { account: ALEX });
  const desk = await openScreen(env.browser, env.server, { account: ALEX });
  await startLiveSession(env.server, lead, tablet);

  await desk.page.goto('/');
  await desk.page.getByRole('link', { name: `Account: ${ALEX.name}` }).click();
  const list = desk.page.getByRole('list', { name: 'Your sign-ins' });
  await eventually(() => list.getByRole('listitem').count()).toBe(2);
  await expect(list.getByText('(this screen)').count()).resolves.toBe(1);
  // Tokens never reach the page.
  expect(await list.textContent()).not.toMatch(/[A-Za-z0-9]{32}/);
  expect(await seriousViolations(desk.page)).toEqual([]);
  await list.getByRole('button', { name: /^Sign out Chrome on Linux, last active / }).click();
  await desk.page.getByRole('status').filter({ hasText: 'Signed out Chrome on Linux.' }).waitFor();
  await eventually(() => list.getByRole('listitem').count()).toBe(1);

  // The tablet's console says so at once; the lead's carries on.
  await tablet.page.getByRole('alert').filter({ hasText: 'Please sign in again.' }).waitFor();
  await eventually(() => ui(lead.page).status.textContent()).toBe('Connected');
  await tablet.page.reload();
  await tablet.page.getByRole('button', { name: 'Sign in' }).waitFor();
  for (const screen of [lead, tablet, desk]) {
    expect(screen.errors).toEqual([]);
    await screen.context.close();
  }
});

test('[S42] an admin disables an account on the Accounts page: that person is cut off at once and cannot sign in again', async () => {
  const lead = await openScreen(env.browser, env.server, { account: DANA });
  const co = await openScreen(env.browser, env.server, { account: ALEX });
  const admin = await openScreen(env.browser, env.server, { account: DANA });
  await startLiveSession(env.server, lead, co);

  await admin.page.goto('/');
  await admin.page.getByRole('link', { name: `Account: ${DANA.name}` }).click();
  await admin.page.getByRole('link', { name: 'Accounts' }).click();
  const alex = admin.page.getByRole('list', { name: 'Accounts' }).getByRole('listitem', { name: ALEX.name });
  await alex.getByRole('button', { name: `Disable ${ALEX.name}` }).click();
  await admin.page
    .getByRole('status')
    .filter({ hasText: `${ALEX.name} is disabled and signed out everywhere.` })
    .waitFor();
  await alex.getByRole('button', { name: `Enable ${ALEX.name}` }).waitFor();
  expect(await seriousViolations(admin.page)).toEqual([]);
  // An admin cannot disable themselves: the page does not offer it.
  expect(await admin.page.getByRole('button', { name: `Disable ${DANA.name}` }).count()).toBe(0);

  // Alex's open console is cut off; Dana's carries on in the same session.
  await co.page.getByRole('alert').filter({ hasText: 'Please sign in again.' }).waitFor();
  await eventually(() => ui(lead.page).status.textContent()).toBe('Connected');
  await press(lead.page, 'Next phase');
  await eventually(() => ui(lead.page).currentPhase.textContent()).not.toBe('Introduction');

  // Signing in again with the right password is refused with a sentence.
  await co.page.reload();
  await co.page.getByLabel('Email').fill(ALEX.email);
  await co.page.getByLabel('Password').fill(ALEX.password);
  await co.page.getByRole('button', { name: 'Sign in' }).click();
  await co.page.getByText('This account has been disabled.', { exact: false }).waitFor();

  // Enabled again, the same person signs in and reaches the session.
  await alex.getByRole('button', { name: `Enable ${ALEX.name}` }).click();
  await admin.page
    .getByRole('status')
    .filter({ hasText: `${ALEX.name} can sign in again.` })
    .waitFor();
  await co.page.getByLabel('Email').fill(ALEX.email);
  await co.page.getByLabel('Password').fill(ALEX.password);
  await co.page.getByRole('button', { name: 'Sign in' }).click();
  // Still at the session's address: it opens again.
  await eventually(() => ui(co.page).status.textContent()).toBe('Connected');
  for (const screen of [lead, co, admin]) {
    expect(screen.errors).toEqual([]);
    await screen.context.close();
  }
});
