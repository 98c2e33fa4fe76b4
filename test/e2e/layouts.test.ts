import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { launchBrowser } from './support/browser.js';
import {
  createGroup,
  ALEX,
  createSession,
  DANA,
  DEVICES,
  eventually,
  memberAction,
  openScreen,
  openSession,
  startHoldspace,
  ui,
  type Screen,
  press,
} from './support/holdspace.js';
import { axeViolations, layoutFindings } from './support/layout-checks.js';

/**
 * The console on every screen in the room (issue 15): a crowded circle of 16 members, two of
 * whom differ only by an initial and one with a 40-character name, in every live state, on a
 * phone, a tablet upright and on its side, and a laptop. In each: the primary controls on
 * screen, no overlap (of controls, nor of the speaker's name and Up next with a control), no target
 * under 48 px, no name cut, and no axe violation of any impact.
 * Screenshots of each go to test/artifacts/layout-SHAPE-STATE.png.
 */
const ARTIFACTS = path.resolve('test/artifacts');
const MEMBERS = [
  'Mohammed A.',
  'Mohammed K.',
  'Anastasia Konstantinopoulou',
  'Jo',
  'Priya',
  'Lee',
  'Sam',
  'Hugo',
  'Bea',
  'Maximilian-Alexander von Hohenzollern',
  'Finn',
  'Dev',
  'Ines',
  'Tom',
  'Olu',
  'Yara',
];
const TURN = ['Next speaker', 'End turn', 'Pass', 'Hide screen'];
const SHAPES = Object.entries(DEVICES);

let env: { server: Awaited<ReturnType<typeof startHoldspace>>; browser: Awaited<ReturnType<typeof launchBrowser>> };
let lead: Screen;
let co: Screen;

beforeAll(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const [browser, server] = await Promise.all([launchBrowser(), startHoldspace()]);
  env = { browser, server };
  lead = await openScreen(browser, server, { account: DANA, device: DEVICES.tablet });
  co = await openScreen(browser, server, { account: ALEX, device: DEVICES.phone });
});

afterAll(async () => {
  await env?.browser.close();
  await env?.server.close();
});

/** The lead's page, checked and photographed at every shape; the co's phone as it is. */
async function checkEveryShape(state: string, primary: readonly string[], coPrimary: readonly string[] = primary) {
  const failures: string[] = [];
  for (const [shape, device] of SHAPES) {
    await lead.page.setViewportSize(device.viewport);
    await settle(lead.page);
    // A phone on its side pins only the turn's controls and Hide screen; the phase's own column
    // (Agreements reviewed with it) scrolls (docs/console.md).
    const pinned = shape === 'phoneOnItsSide' ? primary.filter((name) => name !== 'Agreements reviewed') : primary;
    const found = [...(await layoutFindings(lead.page, pinned)), ...(await axeViolations(lead.page))];
    failures.push(...found.map((f) => `${shape} ${state}: ${f}`));
    await lead.page.screenshot({ path: path.join(ARTIFACTS, `layout-${shape}-${state}.png`) });
  }
  await lead.page.setViewportSize(DEVICES.tablet.viewport);
  const onPhone = await layoutFindings(co.page, coPrimary);
  failures.push(...onPhone.map((f) => `co's phone ${state}: ${f}`));
  await co.page.screenshot({ path: path.join(ARTIFACTS, `layout-co-phone-${state}.png`) });
  expect(failures).toEqual([]);
}

/** Two frames after a resize: the seating has measured its box and laid its seats out. */
async function settle(page: Page) {
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

/** How many lines an element's text takes, by its height over its line height. */
async function lineCount(locator: Locator): Promise<number> {
  return locator.evaluate((el) => Math.round(el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight)));
}

/** Each state is its own test, run in order on the same session; each gets a busy machine's time. */
const STEP_MS = 180_000;

test(
  '[L1][L3] the lobby of a 16-member group fits every screen',
  async () => {
    const group = await createGroup(lead, env.server, { members: MEMBERS.map((name) => ({ name })) });
    const session = await createSession(lead, group.id, { plan: { turnAllotmentSeconds: 15, phaseMinutes: { introduction: 1 } } });
    await openSession(lead, session.id);
    await openSession(co, session.id);
    await checkEveryShape('lobby', ['Start session'], []);
  },
  STEP_MS,
);

test(
  '[L1][L3][L5] the introduction fits every screen, its centre clear of the tiles',
  async () => {
    for (const name of MEMBERS) await lead.page.getByRole('checkbox', { name: `Present: ${name}` }).check();
    await ui(lead.page).button('Start session').click();
    await eventually(() => ui(co.page).currentPhase.textContent()).toBe('Introduction');
    await checkEveryShape('introduction', ['Hide screen', 'Next speaker', 'Agreements reviewed']);
  },
  STEP_MS,
);

test(
  '[L1][L3] a go-round run from the phone fits every screen',
  async () => {
    await press(co.page, 'Next phase');
    await ui(co.page).button('Start go-round').click();
    await eventually(() => ui(lead.page).currentSpeaker.locator('.speaker-name').textContent()).toBe('Mohammed A.');
    await checkEveryShape('go-round', TURN);
  },
  STEP_MS,
);

test(
  '[L1][L3] a speaker with a queue of long names fits every screen',
  async () => {
    await ui(lead.page).button('End go-round').click();
    for (const name of ['Anastasia Konstantinopoulou', 'Maximilian-Alexander von Hohenzollern', 'Jo']) {
      await memberAction(lead.page, name, 'Add to queue');
    }
    await press(co.page, 'Next speaker');
    await eventually(() => ui(lead.page).queue.locator('.queue-name').count()).toBe(2);
    // On the phone the speaker's name takes two lines and Up next (a 37-character name) two more:
    // the case that once put Up next under the turn's buttons, which the text checks now catch.
    const speaker = ui(co.page).currentSpeaker;
    await expect.poll(() => speaker.getByText('Up next: Maximilian-Alexander von Hohenzollern').count()).toBe(1);
    expect(await lineCount(speaker.locator('.speaker-name'))).toBe(2);
    await checkEveryShape('queue', TURN);
  },
  STEP_MS,
);

test(
  '[L1][L3] a turn over its allotment shows calmly and fits every screen',
  async () => {
    // The 15-second allotment runs out: overtime shows on both screens, nobody is cut off.
    await expect.poll(() => ui(lead.page).currentSpeaker.getByText('over').count(), { timeout: 30_000, interval: 100 }).toBe(1);
    await checkEveryShape('turn-over', TURN);
  },
  STEP_MS,
);

test(
  '[L1][L3] a paused session with a paused turn fits every screen',
  async () => {
    await ui(co.page).button('Pause turn').click();
    await ui(lead.page).button('Pause session').click();
    await lead.page.getByText('Session paused', { exact: true }).waitFor();
    await checkEveryShape('paused', ['Hide screen', 'Resume session', 'Resume turn']);
    await ui(lead.page).button('Resume session').click();
  },
  STEP_MS,
);

test(
  '[L1][L3][L18] an incoming signal, naming a member and with its words, is on the phone screen, with its Acknowledge',
  async () => {
    await ui(lead.page).button('Send signal').click();
    const sheet = lead.page.getByRole('dialog');
    // The longest the banner gets: a member's name and 80 characters of words.
    await sheet.getByRole('combobox', { name: 'About' }).selectOption({ index: 1 });
    await sheet
      .getByRole('textbox', { name: 'A few words (optional)' })
      .fill('Went quiet after the check-in and has not looked up since; sitting near the door.');
    await sheet.getByRole('button', { name: 'Check on member' }).click();
    await co.page.getByRole('button', { name: 'Acknowledge' }).waitFor();
    await checkEveryShape('signal', TURN, [...TURN, 'Acknowledge']);
    await co.page.getByRole('button', { name: 'Acknowledge' }).click();
    await lead.page.getByText(/^You signalled “Check on member: .+”: seen$/).waitFor();
  },
  STEP_MS,
);

test(
  '[L1][L24][L25] collecting ratings in Feedback: the link on the lead’s screen and the count on the co’s phone fit every screen',
  async () => {
    await ui(lead.page).button('Go to Feedback').click();
    await eventually(() => ui(co.page).currentPhase.textContent()).toBe('Feedback');
    await ui(lead.page).button('Collect ratings').click();
    await lead.page.getByRole('dialog', { name: 'Members rate the session' }).getByRole('img').waitFor();
    await co.page.getByText('0 of 16 rated', { exact: true }).waitFor();
    await checkEveryShape('collecting', ['Stop collecting', 'Rate on this screen', 'Close'], ['Hide screen']);
    await ui(lead.page).button('Close').click();
  },
  STEP_MS,
);

test(
  '[L1][L3] the ended session fits every screen',
  async () => {
    await ui(lead.page).button('End session').click();
    await lead.page.getByRole('dialog').getByRole('button', { name: 'End session' }).click();
    await lead.page.getByRole('heading', { name: 'Session ended' }).waitFor();
    await checkEveryShape('ended', [], []);
    expect([...lead.errors, ...co.errors]).toEqual([]);
  },
  STEP_MS,
);
