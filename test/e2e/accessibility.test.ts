import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import {
  browserAndServer,
  createGroup,
  createSession,
  DANA,
  eventually,
  memberAction,
  openScreen,
  openSession,
  ui,
  type Screen,
  press,
} from './support/holdspace.js';

/**
 * axe-core on every screen a facilitator uses, light and dim: no serious or critical violation.
 * The live console is also photographed at tablet size, light and dim, into test/artifacts/.
 */
const ARTIFACTS = path.resolve('test/artifacts');
const env = browserAndServer();
let lead: Screen;

beforeAll(() => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
});

/** The serious and critical violations on the page, as readable lines. */
async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('sign-in has no serious or critical accessibility violation', async () => {
  const { page, context } = await openScreen(env.browser, env.server);
  await page.goto('/');
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  expect(await seriousViolations(page)).toEqual([]);
  await context.close();
});

test('groups, group editing and planning have none', async () => {
  lead = await openScreen(env.browser, env.server, { account: DANA });
  const group = await createGroup(lead, env.server);
  await lead.page.goto('/');
  await lead.page.getByRole('link', { name: group.name }).waitFor();
  expect(await seriousViolations(lead.page)).toEqual([]);
  await lead.page.getByRole('link', { name: group.name }).click();
  await lead.page.getByRole('button', { name: 'Plan session' }).waitFor();
  expect(await seriousViolations(lead.page)).toEqual([]);
  await lead.page.getByRole('button', { name: 'Plan session' }).click();
  await lead.page.getByLabel('Sharing minutes').waitFor();
  expect(await seriousViolations(lead.page)).toEqual([]);
});

test('the lobby, the live console (light and dim, with a dialog open) have none, and the console fits 1024×768 unscrolled', async () => {
  const { page } = lead;
  const group = await createGroup(lead, env.server, { name: 'Monday group' });
  const session = await createSession(lead, group.id, { plan: { skill: 'Box breathing' } });
  await openSession(lead, session.id);
  await page.getByRole('checkbox', { name: 'Present: Sam' }).check();
  expect(await seriousViolations(page)).toEqual([]);
  for (const name of ['Priya', 'Jo']) await page.getByRole('checkbox', { name: `Present: ${name}` }).check();
  await ui(page).button('Start session').click();
  await eventually(() => ui(page).currentPhase.textContent()).toBe('Introduction');

  // A console mid-session: a speaker over time would take minutes, so a go-round and a queue.
  await press(page, 'Next phase');
  await ui(page).button('Start go-round').click();
  await eventually(() => ui(page).currentSpeaker.locator('.speaker-name').textContent()).toBe('Sam');
  await memberAction(page, 'Jo', 'Add to queue');
  await press(page, 'Pass');
  await eventually(() => ui(page).currentSpeaker.locator('.speaker-name').textContent()).toBe('Priya');

  const size = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.scrollHeight]);
  expect(size).toEqual([1024, 768]);
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: path.join(ARTIFACTS, 'live-console-light.png') });

  await page.getByRole('button', { name: 'Actions for Sam', exact: true }).click();
  await page.getByRole('dialog', { name: 'Sam' }).waitFor();
  expect(await seriousViolations(page)).toEqual([]);
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: 'Dim theme' }).click();
  await eventually(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dim');
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: path.join(ARTIFACTS, 'live-console-dim.png') });

  // Hide screen blanks at once, and a tap brings the console back.
  await ui(page).button('Hide screen').click();
  await eventually(() => ui(page).currentPhase.count()).toBe(0);
  await page.getByRole('button', { name: 'Show screen' }).click();
  await eventually(() => ui(page).currentPhase.textContent()).toBe('Sharing');
  expect(lead.errors).toEqual([]);
});

test('the dim theme follows the system setting', async () => {
  const { page, context } = await openScreen(env.browser, env.server, { account: DANA, colorScheme: 'dark' });
  await page.goto('/');
  await page.getByRole('heading', { name: 'Groups' }).waitFor();
  expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dim');
  expect(await page.getByRole('button', { name: 'Dim theme' }).getAttribute('aria-pressed')).toBe('true');
  expect(await seriousViolations(page)).toEqual([]);
  await context.close();
});
