import fs from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { defaultSocketLimits } from '../../server/config.js';
import { manualClock } from '../support/clock.js';
import { createAccount, startTestServer, type TestServer } from '../support/server.js';
import { parseCsv } from '../review/server-support.js';
import { launchBrowser } from './support/browser.js';
import {
  ALEX,
  createGroup,
  createSession,
  DANA,
  memberAction,
  openScreen,
  openSession,
  ui,
  type Screen,
  bothScreens,
  press,
  rowsOf,
} from './support/holdspace.js';

/**
 * The review in real Chromium: a short session run through both consoles, with the server's
 * clock moved by hand between presses so every figure is exact; then Session review, its
 * tables against what the test did, both downloads, and the printed report as a PDF.
 */
const MIN = 60_000;
const clock = manualClock(Date.now());
let browser: Browser;
let server: TestServer & { ids: { dana: string; alex: string } };
const ample = { burst: 10_000, perSecond: 10_000 };
const fastScripted = {
  ...defaultSocketLimits(),
  ...{
    accountCommands: ample,
    addressCommands: ample,
    sessionCommands: ample,
    accountJoins: ample,
    addressJoins: ample,
    addressHandshakes: ample,
  },
};
let lead: Screen;
let co: Screen;

beforeAll(async () => {
  const started = await startTestServer({
    serveClient: true,
    clock,
    // The hand-moved clock would never refill a screen's command bucket.
    // Its commands come much faster than a person's, and its clock rarely moves: the shared limits too.
    config: { logLevel: process.env.E2E_LOG_LEVEL ?? 'silent', commandBurst: 10_000, socketLimits: fastScripted, clinicTimeZone: 'UTC' },
  });
  const ids = { dana: (await createAccount(started, DANA)).id, alex: (await createAccount(started, ALEX)).id };
  server = Object.assign(started, { ids });
  browser = await launchBrowser();
  [lead, co] = await Promise.all([openScreen(browser, server, { account: DANA }), openScreen(browser, server, { account: ALEX })]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const { onBoth, phaseIs, speakerIs } = bothScreens(() => [lead, co]);
const minutes = (n: number) => clock.advance(n * MIN);

/** The cells of a table's body rows, as text. */
test('a short session, reviewed: phases and talk times as run, CSV and JSON downloads, a printed report', async () => {
  const group = await createGroup(lead, server);
  const session = await createSession(lead, group.id, { plan: { skill: 'Box breathing' } });
  await openSession(lead, session.id);
  await openSession(co, session.id);

  // Sam, Priya and Jo come; Lee does not.
  for (const name of ['Sam', 'Priya', 'Jo']) await lead.page.getByRole('checkbox', { name: `Present: ${name}` }).check();
  await onBoth((page) => page.getByText('3 of 4 here').waitFor());
  await ui(lead.page).button('Start session').click();
  await phaseIs('Introduction');
  await ui(co.page).button('Agreements reviewed').click();
  await onBoth((page) => page.getByText('Agreements reviewed', { exact: true }).waitFor());

  minutes(10);
  await press(lead.page, 'Next phase');
  await phaseIs('Sharing');
  await ui(lead.page).button('Start go-round').click();
  await speakerIs('Sam');
  minutes(2);
  await press(co.page, 'Next speaker');
  await speakerIs('Priya');
  await press(co.page, 'Pass');
  await speakerIs('Jo');
  minutes(3);
  await press(lead.page, 'Next speaker');
  await speakerIs('Priya');
  minutes(1);
  await press(lead.page, 'Next speaker');
  await speakerIs('Nobody has the floor');

  await press(lead.page, 'Next phase');
  await phaseIs('Facilitation');
  await memberAction(co.page, 'Jo', 'Flag concern');
  await co.page.getByRole('radio', { name: 'Distress' }).check();
  await co.page.getByLabel('Details (optional)').fill('Tearful after Sam spoke');
  await ui(co.page).button('Save flag').click();
  await onBoth((page) => page.getByRole('button', { name: 'Flags and notes 1' }).waitFor());
  await ui(co.page).button('Add note').click();
  await co.page.getByLabel('Note', { exact: true }).fill('Jo may not come next week.');
  await co.page.getByLabel('About').selectOption({ label: 'Jo' });
  await co.page.getByRole('checkbox', { name: /Private/ }).check();
  await ui(co.page).button('Save note').click();
  await onBoth((page) => page.getByRole('button', { name: 'Flags and notes 2' }).waitFor());

  await memberAction(lead.page, 'Jo', 'Give the floor');
  await speakerIs('Jo');
  minutes(1);
  await ui(lead.page).button('Pause session').click();
  await onBoth((page) => ui(page).button('Resume session').waitFor());
  minutes(5);
  await ui(lead.page).button('Resume session').click();
  await onBoth((page) => ui(page).button('Pause session').waitFor());
  minutes(1);
  await press(co.page, 'End turn');
  await speakerIs('Nobody has the floor');
  minutes(1);
  await ui(lead.page).button('End session').click();
  await lead.page.getByRole('dialog', { name: 'End the session?' }).getByRole('button', { name: 'End session' }).click();
  await onBoth((page) => page.getByRole('heading', { name: 'Session ended' }).waitFor());

  // The review, from the ended screen.
  const page = lead.page;
  await page.getByRole('link', { name: 'Review', exact: true }).click();
  await page.getByRole('heading', { name: 'Session review', level: 1 }).waitFor();
  await page.getByText('24 min (19 min without 5 min of pauses); planned 1 h 15 min, 56 min under plan').waitFor();
  // [R24] [L20] The summary comes first, and jump links lead to each section's heading.
  const summary = page.getByRole('region', { name: 'Summary' });
  expect(await summary.locator('p').textContent()).toBe(
    'Ran 56 min under plan; Jo spoke most (63 %), Priya least (13 %); 1 distress flag (Jo).',
  );
  const sections = page.getByRole('navigation', { name: 'Review sections' });
  await sections.getByRole('link', { name: 'Talk time' }).click();
  await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Talk time');
  expect(await page.evaluate(() => location.hash)).toBe(`#/sessions/${session.id}/review`);

  expect((await rowsOf(page, 'Phases')).map(([phase, , planned, actual, difference]) => [phase, planned, actual, difference])).toEqual([
    ['Introduction', '10 min', '10 min', 'on plan'],
    ['Sharing', '20 min', '6 min', '14 min under'],
    ['Facilitation', '20 min', '3 min (+5 min paused)', '17 min under'],
    ['Skill development', '15 min', '0 s', '15 min under'],
    ['Feedback', '10 min', '0 s', '10 min under'],
  ]);
  expect(await rowsOf(page, 'Talk time')).toEqual([
    ['Sam', '2 min', '1', '0', '2 min', '25%'],
    ['Priya', '1 min', '1', '1', '1 min', '13%'],
    ['Jo', '5 min', '2', '0', '3 min', '63%'],
  ]);
  await page.getByText('Lee: Absent').waitFor();
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  expect(
    violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`),
  ).toEqual([]);

  // The Phase log, in plain words, filtered by member and by kind.
  const log = page.getByRole('table', { name: 'Phase log', exact: true });
  await log.getByText('Dana Lee gave the floor to Jo').waitFor();
  const entries = (await (await lead.context.request.get(`/api/sessions/${session.id}/log`)).json()).entries as unknown[];
  expect(await log.locator('tbody tr').count()).toBe(entries.length);
  await page.getByLabel('Kind', { exact: true }).selectOption({ label: 'Flags' });
  expect((await rowsOf(page, 'Phase log')).map((r) => r[3])).toEqual(['Alex Kim flagged distress about Jo: “Tearful after Sam spoke”']);
  await page.getByLabel('Kind', { exact: true }).selectOption({ label: 'Everything' });
  await page.getByLabel('Member', { exact: true }).selectOption({ label: 'Priya' });
  const priya = await rowsOf(page, 'Phase log');
  expect(priya.length).toBeGreaterThan(2);
  for (const row of priya) expect(row[3]).toMatch(/Priya/);

  // Downloads: the log as CSV, everything as JSON; neither has the private note.
  const download = async (name: string) => {
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name, exact: true }).click()]);
    return { name: file.suggestedFilename(), text: fs.readFileSync(await file.path(), 'utf8') };
  };
  const csv = await download('Download CSV');
  expect(csv.name).toMatch(/^holdspace-session-\d{4}-\d\d-\d\d-[0-9a-f]{8}\.csv$/);
  const rows = parseCsv(csv.text);
  expect(rows[0]).toEqual(['version', 'time', 'elapsed_seconds', 'actor', 'kind', 'event', 'phase', 'members', 'description']);
  expect(rows.length - 1).toBe(entries.length);
  expect(rows.find((r) => r[5] === 'floor.give')).toEqual([
    expect.any(String),
    expect.stringMatching(/Z|\+00:00$/),
    '960',
    'Dana Lee',
    'floor',
    'floor.give',
    'Facilitation',
    'Jo',
    'Dana Lee gave the floor to Jo',
  ]);
  expect(csv.text).not.toContain('may not come next week');
  const json = JSON.parse((await download('Download JSON')).text);
  expect(json.schemaVersion).toBe(2);
  expect(json.log).toHaveLength(entries.length);
  expect(json.figures.talk.map((t: { talkMs: number; turns: number }) => [t.talkMs / MIN, t.turns])).toEqual([
    [2, 1],
    [1, 1],
    [5, 2],
    [0, 0],
  ]);
  expect(JSON.stringify(json)).not.toContain('may not come next week');

  // Sign, then an addendum, shown as such.
  await page.getByRole('button', { name: 'Sign as lead' }).click();
  await page.getByText(/^Signed by Dana Lee \(lead\)/).waitFor();
  await page.getByLabel('Addendum').fill('Jo called the next day and is coming back.');
  await page.getByRole('button', { name: 'Add addendum' }).click();
  await page.getByText(/^Addendum by Dana Lee/).waitFor();

  // Print report: the browser's print, then the same page as a PDF.
  await page.evaluate(() => {
    window.print = () => document.body.setAttribute('data-printed', 'yes');
  });
  await page.getByRole('button', { name: 'Print report' }).click();
  expect(await page.locator('body').getAttribute('data-printed')).toBe('yes');
  await page.emulateMedia({ media: 'print' });
  expect(await page.getByRole('region', { name: 'Tuesday anxiety group' }).isVisible()).toBe(true);
  expect(await page.getByRole('region', { name: 'Timeline' }).isVisible()).toBe(true);
  expect(await page.getByRole('region', { name: 'Member stubs' }).isVisible()).toBe(true);
  expect(await page.getByRole('table', { name: 'Phase log' }).isVisible()).toBe(false);
  expect(await page.getByRole('link', { name: 'Download CSV' }).isVisible()).toBe(false);
  const stub = (name: string) => page.getByRole('article', { name: `Stub: ${name}` }).innerText();
  const jo = await stub('Jo');
  expect(jo).toContain('Attendance: Present.');
  expect(jo).toContain('Spoke in 2 turns: 5 min in all, longest 3 min');
  expect(jo).toContain('Flag — Distress');
  expect(jo).toContain('Tearful after another member spoke');
  for (const other of ['Sam', 'Priya', 'Lee']) expect(jo).not.toContain(other);
  expect(await stub('Lee')).toContain('Attendance: Absent.');
  expect(await page.locator('body').innerText()).not.toContain('may not come next week');
  expect(await page.getByText('Addendum by Dana Lee').isVisible()).toBe(true);

  for (const format of ['A4', 'Letter'] as const) {
    const pdf = await page.pdf({ format, printBackground: true });
    const text = pdf.toString('latin1');
    expect(text.startsWith('%PDF-')).toBe(true);
    // The summary on the first page(s), the member stubs from a fresh page.
    expect(text.match(/\/Type\s*\/Page\b(?!s)/g)?.length ?? 0).toBeGreaterThanOrEqual(2);
    expect(pdf.length).toBeGreaterThan(20_000);
  }

  // [R23] [R26] An admin moves the clinic to New York, in US English: the page writes its times there.
  await page.emulateMedia({ media: 'screen' });
  const moved = await lead.context.request.put('/api/settings', {
    data: { clinicTimeZone: 'America/New_York', clinicLocale: 'en-US' },
    headers: { origin: server.url },
  });
  expect(moved.status()).toBe(200);
  await page.reload();
  const startedAt = Date.parse(json.figures.session.startedAt as string);
  const endedAt = Date.parse(json.figures.session.endedAt as string);
  const clock = (ms: number) =>
    new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', hour: 'numeric', minute: '2-digit' }).format(ms);
  await page.getByText('Times are in America/New_York.').waitFor();
  await page.getByText(`${clock(startedAt)} to ${clock(endedAt)}`, { exact: true }).waitFor();
  expect(clock(startedAt)).toMatch(/^\d{1,2}:\d\d [AP]M$/);
  expect(lead.errors).toEqual([]);
  expect(co.errors).toEqual([]);
});
