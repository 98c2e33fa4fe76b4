import fs from 'node:fs';
import { beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { parseCsv } from '../review/server-support.js';
import { browserAndServer, DANA, eventually, memberAction, openScreen, ui, type Screen, press } from './support/holdspace.js';

/**
 * Issue 5: every text a person typed is rendered as text, never as markup, on every screen and in
 * every export. A group and its members are given hostile names through the forms, a session is
 * run with a hostile note and flag, and the review and its downloads are read back.
 */
const IMG = '<img src=x onerror=alert(1)>';
const LONG = 'Maximiliana-Josefina Wolkenstein-Rodnegg';
// Right-to-left text as such; a bidi override (U+202E) is refused at input since S41.
const RLO = 'شهرزاد.exe';
const EMOJI = '🙂‍↔️Ana';
const FORMULA = '=HYPERLINK("http://x")';
const MEMBERS = [IMG, LONG, RLO, EMOJI, FORMULA];
const GROUP = `<img src=x onerror=alert('group')> שלום.pdf 🙂‍↔️ group`;
const NOTE = '<script>alert(1)</script>';
const FLAG = `<b onmouseover=alert(2)>bold</b> مرحبا evil ${'lorem ipsum dolor sit amet '.repeat(10)}`.slice(0, 280);

const env = browserAndServer();
let lead: Screen;
/** Messages of any alert, confirm or prompt the page opened: there must be none. */
const dialogs: string[] = [];

beforeAll(async () => {
  lead = await openScreen(env.browser, env.server, { account: DANA });
  lead.page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
});

/** Nothing typed became an element: no image from a name, no inline script, the markup escaped. */
async function expectInert(page: Page) {
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  expect(await page.locator('b[onmouseover]').count()).toBe(0);
  expect(await page.locator('script:not([src])').count()).toBe(0);
  const html = await page.locator('body').innerHTML();
  expect(html).not.toContain('<img src=x');
  expect(html).not.toContain('<script>alert');
  expect(dialogs).toEqual([]);
}

test('hostile names, note and flag text show as text in the forms, the console and the review, and as data in every export', async () => {
  expect(LONG).toHaveLength(40);
  expect(FLAG).toHaveLength(280);
  const { page, context } = lead;

  // The group, made through the form.
  await page.goto('/');
  await page.getByRole('button', { name: 'New group' }).click();
  await page.getByLabel('Group name').fill(GROUP);
  for (const name of MEMBERS) {
    await page.getByLabel('Member name').fill(name);
    await page.getByRole('button', { name: 'Add member' }).click();
  }
  await page.getByRole('button', { name: 'Save group' }).click();
  await page.getByRole('heading', { name: GROUP, level: 1 }).waitFor();
  const seats = page.getByRole('list', { name: 'Members in seat order' }).getByRole('listitem');
  await eventually(() => seats.allTextContents()).toEqual(MEMBERS);
  await expectInert(page);
  await page.goto('/');
  await page.getByRole('list', { name: 'My groups' }).getByRole('link', { name: GROUP }).click();

  // A short session: all present, a note and a flag, a turn, ended.
  await page.getByRole('button', { name: 'Plan session' }).click();
  await page.getByRole('button', { name: 'Create session' }).click();
  await eventually(() => ui(page).status.textContent()).toBe('Connected');
  for (const name of MEMBERS) await page.getByRole('checkbox', { name: `Present: ${name}`, exact: true }).check();
  await page.getByText('5 of 5 here').waitFor();
  await ui(page).button('Start session').click();
  await eventually(() => ui(page).currentPhase.textContent()).toBe('Introduction');
  for (const name of MEMBERS) await ui(page).tile(name).waitFor();
  await expectInert(page);

  await memberAction(page, IMG, 'Give the floor');
  await eventually(() => ui(page).currentSpeaker.locator('.speaker-name').textContent()).toBe(IMG);
  await memberAction(page, RLO, 'Flag concern');
  await page.getByRole('radio', { name: 'Distress' }).check();
  await page.getByLabel('Details (optional)').fill(FLAG);
  await ui(page).button('Save flag').click();
  await page.getByRole('button', { name: 'Flags and notes 1' }).waitFor();
  await ui(page).button('Add note').click();
  await page.getByLabel('Note', { exact: true }).fill(NOTE);
  await page.getByLabel('About').selectOption({ label: FORMULA });
  await ui(page).button('Save note').click();
  await page.getByRole('button', { name: 'Flags and notes 2' }).waitFor();
  await ui(page).button('Flags and notes 2').click();
  await eventually(() => page.getByRole('list', { name: 'Flags' }).textContent()).toContain(FLAG);
  await page.getByText(NOTE).waitFor();
  await expectInert(page);
  await ui(page).button('Close').click();
  await press(page, 'End turn');
  await ui(page).button('End session').click();
  await page.getByRole('dialog', { name: 'End the session?' }).getByRole('button', { name: 'End session' }).click();
  await page.getByRole('link', { name: 'Review', exact: true }).click();

  // The review: every string visible as typed, nothing turned into markup.
  await page.getByRole('heading', { name: 'Session review', level: 1 }).waitFor();
  await page.getByRole('region', { name: GROUP }).waitFor();
  for (const text of [...MEMBERS, NOTE, FLAG]) expect(await page.getByText(text).first().isVisible(), text).toBe(true);
  expect(await page.locator('body').innerText()).toContain(`${RLO}: Present`);
  await expectInert(page);

  // Downloads: hostile text is data. CSV cells a spreadsheet would run as a formula are neutralised.
  const download = async (name: string) => {
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name, exact: true }).click()]);
    return fs.readFileSync(await file.path(), 'utf8');
  };
  for (const name of ['Download CSV', 'Download member figures (CSV)']) {
    const cells = parseCsv(await download(name)).flat();
    expect(cells, name).toContain(`'${FORMULA}`);
    expect(
      cells.filter((c) => c.startsWith(FORMULA)),
      name,
    ).toEqual([]);
    expect(cells.filter((c) => c.includes(IMG)).length, name).toBeGreaterThan(0);
    for (const text of [LONG, RLO, EMOJI])
      expect(
        cells.some((c) => c.includes(text)),
        `${name}: ${text}`,
      ).toBe(true);
  }
  const log = parseCsv(await download('Download CSV')).flat();
  expect(log.some((c) => c.includes(NOTE))).toBe(true);
  expect(log.some((c) => c.includes(FLAG))).toBe(true);

  const json: unknown = JSON.parse(await download('Download JSON'));
  const strings = new Set<string>();
  const collect = (value: unknown): void => {
    if (typeof value === 'string') strings.add(value);
    else if (value && typeof value === 'object') Object.values(value).forEach(collect);
  };
  collect(json);
  for (const text of [...MEMBERS, GROUP, NOTE, FLAG]) expect(strings.has(text), text).toBe(true);

  // Served as attachments of their own type, never as a page a browser would render.
  const sessionId = /#\/sessions\/([\w-]+)\/review/.exec(page.url())![1]!;
  for (const [file, type] of [
    ['export.csv', 'text/csv'],
    ['members.csv', 'text/csv'],
    ['export.json', 'application/json'],
  ] as const) {
    const response = await context.request.get(`/api/sessions/${sessionId}/${file}`);
    expect(response.headers()['content-type'], file).toContain(type);
    expect(response.headers()['content-disposition'], file).toMatch(/^attachment/);
    expect(response.headers()['x-content-type-options'], file).toBe('nosniff');
  }
  expect(dialogs).toEqual([]);
  expect(lead.errors).toEqual([]);
});
