import path from 'node:path';
import { expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations, layoutFindings } from './support/layout-checks.js';
import { ALEX, browserAndServer, createGroup, DANA, DEVICES, eventually, openScreen, startLiveSession, ui } from './support/holdspace.js';

const ARTIFACTS = path.resolve('test/artifacts');

/**
 * Issue 15: the pages around the live console work on a phone too (390×844, touch): home, the
 * group, a new group, planning a session and the review. On each: nothing wider than the screen
 * (no sideways scrolling), the page's own action on screen once scrolled to, no two controls
 * overlapping, none smaller than a finger, and no accessibility violation.
 */
const env = browserAndServer();

/** Everything the page promises on this phone, in words a failing test prints. */
async function phoneFindings(page: Page, name: string, primary: readonly string[]): Promise<string[]> {
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  const findings: string[] = [];
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  if (scrollWidth > innerWidth) findings.push(`${name}: the page is ${scrollWidth} px wide on a ${innerWidth} px screen`);
  for (const control of primary) await page.getByRole('button', { name: control, exact: true }).first().scrollIntoViewIfNeeded();
  findings.push(...(await layoutFindings(page, primary)).map((f) => `${name}: ${f}`));
  findings.push(...(await axeViolations(page)).map((v) => `${name}: ${v}`));
  await page.screenshot({ path: path.join(ARTIFACTS, `phone-page-${name}.png`), fullPage: true });
  return findings;
}

test('[L12] home, a group, a new group, planning and the review work on a phone', async () => {
  const lead = await openScreen(env.browser, env.server, { account: DANA, device: DEVICES.phone });
  const co = await openScreen(env.browser, env.server, { account: ALEX });
  const sessionId = await startLiveSession(env.server, lead, co);
  await ui(lead.page).button('End session').click();
  await lead.page.getByRole('dialog', { name: 'End the session?' }).getByRole('button', { name: 'End session' }).click();
  await lead.page.getByRole('heading', { name: 'Session ended' }).waitFor();
  const group = await createGroup(lead, env.server, { name: 'Thursday group' });

  const findings: string[] = [];
  await lead.page.goto('/#/');
  findings.push(...(await phoneFindings(lead.page, 'home', [])));
  await lead.page.goto(`/#/groups/${group.id}`);
  findings.push(...(await phoneFindings(lead.page, 'group', [])));
  await lead.page.goto('/#/groups/new');
  findings.push(...(await phoneFindings(lead.page, 'new-group', [])));
  await lead.page.goto(`/#/groups/${group.id}/plan`);
  findings.push(...(await phoneFindings(lead.page, 'plan', [])));
  await lead.page.goto(`/#/sessions/${sessionId}/review`);
  await eventually(() => lead.page.getByRole('heading', { level: 1 }).first().textContent()).toMatch(/review/i);
  findings.push(...(await phoneFindings(lead.page, 'review', [])));
  expect(findings).toEqual([]);
  expect(lead.errors).toEqual([]);
  await Promise.all([lead.context.close(), co.context.close()]);
});
