import { beforeAll, expect, test } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import {
  ALEX,
  browserAndServer,
  createGroup,
  createSession,
  DANA,
  DEVICES,
  eventually,
  FOUR_MEMBERS,
  openScreen,
  openSession,
  ui,
  type Screen,
  press,
} from './support/holdspace.js';

/**
 * The console's calm (docs/console.md): nothing moves when a turn starts or pauses or the
 * session pauses, overtime is never an alarm, a paused clock looks stopped; the sender of a
 * signal reads whether it was seen until it clears; private notes stay folded. The lead on an
 * upright tablet, the co-facilitator on a phone.
 */
const env = browserAndServer();
let lead: Screen;
let co: Screen;

beforeAll(async () => {
  lead = await openScreen(env.browser, env.server, { account: DANA, device: DEVICES.tabletUpright });
  // The phone records what it is asked to vibrate: the real call, observed (the page's own code runs).
  co = await openScreen(env.browser, env.server, { account: ALEX, device: DEVICES.phone });
  await co.context.addInitScript(() => {
    const calls: unknown[] = [];
    (window as unknown as { vibrations: unknown[] }).vibrations = calls;
    Object.defineProperty(navigator, 'vibrate', { value: (pattern: unknown) => calls.push(pattern) > 0 });
  });
});

/** A live session with a 15-second turn allotment, open on both screens (polls, so inside a test). */
async function startSession() {
  const group = await createGroup(lead, env.server);
  const session = await createSession(lead, group.id, { plan: { turnAllotmentSeconds: 15 } });
  await openSession(lead, session.id);
  for (const name of FOUR_MEMBERS) await lead.page.getByRole('checkbox', { name: `Present: ${name}` }).check();
  await ui(lead.page).button('Start session').click();
  await openSession(co, session.id);
  await eventually(() => ui(co.page).currentPhase.textContent()).toBe('Introduction');
}

const place = (locator: Locator) => locator.evaluate((el) => JSON.stringify(el.getBoundingClientRect()));

/** Where each of these is on both screens, to compare before and after a change. */
async function places(read: (page: Page) => Locator[]) {
  return Promise.all([lead.page, co.page].flatMap((page) => read(page).map(place)));
}

test('[L4] nothing moves when the first turn starts, a turn pauses or the session pauses', async () => {
  await startSession();
  const turnParts = (page: Page) => [ui(page).timer('Turn time'), ui(page).button('Next speaker'), ui(page).button('End turn')];
  const before = await places(turnParts);
  await press(co.page, 'Next phase');
  await ui(co.page).button('Start go-round').click();
  await eventually(() => ui(lead.page).currentSpeaker.locator('.speaker-name').textContent()).toBe('Sam');
  expect(await places(turnParts)).toEqual(before);

  await ui(co.page).button('Pause turn').click();
  await ui(lead.page).button('Resume turn').waitFor();
  await ui(co.page).button('Resume turn').waitFor();
  expect(await places(turnParts)).toEqual(before);

  const phaseParts = (page: Page) => [ui(page).timer('Phase time'), ui(page).button('Next phase')];
  const running = await places(phaseParts);
  await ui(lead.page).button('Pause session').click();
  await lead.page.getByText('Session paused', { exact: true }).waitFor();
  await co.page.getByText('Session paused', { exact: true }).waitFor();
  expect(await places(phaseParts)).toEqual(running);
});

test('[L4] a paused clock looks stopped and says so, on both screens', async () => {
  for (const page of [lead.page, co.page]) {
    for (const name of ['Phase time', 'Turn time'] as const) {
      const timer = ui(page).timer(name).locator('..');
      expect(await timer.getAttribute('class')).toContain('paused');
      expect(await timer.textContent()).toContain('paused');
    }
  }
  await ui(lead.page).button('Resume session').click();
  await ui(co.page).button('Resume turn').click();
  await eventually(() => ui(lead.page).timer('Turn time').locator('..').getAttribute('class')).not.toContain('paused');
});

test('[L4] a turn over its allotment reads "over" with no alarm colour, on both screens at once', async () => {
  // The allotment is 15 seconds; overtime shows, and nobody is cut off.
  const over = (page: Page) =>
    expect.poll(() => ui(page).currentSpeaker.getByText('over').count(), { timeout: 30_000, interval: 100 }).toBe(1);
  await Promise.all([over(lead.page), over(co.page)]);
  for (const page of [lead.page, co.page]) {
    const digits = ui(page).timer('Turn time');
    const colours = await digits.evaluate((el) => {
      const style = getComputedStyle(el);
      return { background: style.backgroundColor, colour: style.color, text: getComputedStyle(document.body).color };
    });
    expect(colours.background).toBe('rgba(0, 0, 0, 0)');
    expect(colours.colour).toBe(colours.text);
  }
  expect(await ui(lead.page).currentSpeaker.locator('.speaker-name').textContent()).toBe('Sam');
});

test('[L6] the sender reads "not seen yet", then "seen", then the line clears; the phone may buzz once', async () => {
  await ui(co.page).button('Send signal').click();
  await co.page.getByRole('checkbox', { name: 'Vibrate this device when a signal comes in' }).check();
  await co.page.getByRole('button', { name: 'Cancel' }).click();

  await ui(lead.page).button('Send signal').click();
  await lead.page.getByRole('dialog').getByRole('button', { name: 'Wrap up' }).click();
  await lead.page.getByText('You signalled “Wrap up”: not seen yet').waitFor();
  await co.page.getByRole('button', { name: 'Acknowledge' }).click();
  await lead.page.getByText('You signalled “Wrap up”: seen').waitFor();
  expect(await co.page.evaluate(() => (window as unknown as { vibrations: unknown[] }).vibrations)).toEqual([200]);
  // Cleared 8 s of server time after it was seen.
  await expect.poll(() => lead.page.getByText('You signalled').count(), { timeout: 20_000, interval: 250 }).toBe(0);
});

test('[L7] private notes stay folded in the live records until asked for, then read small', async () => {
  await ui(lead.page).button('Add note').click();
  await lead.page.getByLabel('Note', { exact: true }).fill('Asked about sleep');
  await lead.page.getByRole('checkbox', { name: 'Private: leave out of exports' }).check();
  await lead.page.getByRole('button', { name: 'Save note' }).click();
  await lead.page.getByRole('button', { name: 'Flags and notes 1' }).click();
  const records = lead.page.getByRole('dialog', { name: 'Flags and notes' });
  await records.getByRole('button', { name: 'Show private notes (1)' }).waitFor();
  expect(await records.getByText('Asked about sleep').count()).toBe(0);
  await records.getByRole('button', { name: 'Show private notes (1)' }).click();
  const note = records.getByText('Asked about sleep');
  await note.waitFor();
  expect(Number.parseFloat(await note.evaluate((el) => getComputedStyle(el).fontSize))).toBeLessThan(15);
  expect([...lead.errors, ...co.errors]).toEqual([]);
});
