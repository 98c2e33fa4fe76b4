import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { manualClock } from '../support/clock.js';
import { createAccount, startTestServer, type TestServer } from '../support/server.js';
import { launchBrowser } from './support/browser.js';
import {
  ALEX,
  createGroup,
  createSession,
  DANA,
  eventually,
  memberAction,
  openScreen,
  openSession,
  press,
  ui,
  type Screen,
} from './support/holdspace.js';

/**
 * Progress notes in real Chromium (docs/review.md §Progress notes): a short session run on the
 * lead's console, then its notes drafted from the log, edited on two screens at once (the second
 * save is refused and shown, never silently applied), signed, and added to.
 */
const clock = manualClock(Date.now());
let browser: Browser;
let server: TestServer & { ids: { alex: string } };
let lead: Screen;
let co: Screen;

beforeAll(async () => {
  const started = await startTestServer({ serveClient: true, clock, config: { logLevel: 'silent', clinicTimeZone: 'UTC' } });
  await createAccount(started, DANA);
  server = Object.assign(started, { ids: { alex: (await createAccount(started, ALEX)).id } });
  browser = await launchBrowser();
  [lead, co] = await Promise.all([openScreen(browser, server, { account: DANA }), openScreen(browser, server, { account: ALEX })]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const MEMBERS = ['Sam', 'Priya', 'Jo', 'Lee'];
const ARTIFACTS = path.resolve('test/artifacts');

/**
 * The report as Chromium prints it (background graphics off, as by default), read back with
 * poppler's pdftotext, page by page; its pages rendered to PNG in test/artifacts/ for the record.
 */
async function printedReport(page: Page): Promise<void> {
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ format: 'A4', printBackground: false });
  await page.emulateMedia({ media: 'screen' });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holdspace-print-'));
  const file = path.join(dir, 'report.pdf');
  fs.writeFileSync(file, pdf);
  const pages = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
    .split('\f')
    .filter((p) => p.trim() !== '');
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  for (const old of fs.readdirSync(ARTIFACTS).filter((f) => f.startsWith('print-page-'))) fs.rmSync(path.join(ARTIFACTS, old));
  execFileSync('pdftoppm', ['-png', '-r', '70', file, path.join(ARTIFACTS, 'print-page')]);
  fs.copyFileSync(file, path.join(ARTIFACTS, 'print-report.pdf'));
  // Nothing under 8 pt: a word's box is the font's ascent to descent, 1.16 times its size in the
  // DejaVu Sans Chromium prints with here; 9.2 pt of box is at least 7.9 pt of type.
  const heights = [
    ...execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8' }).matchAll(/yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"/g),
  ].map((m) => Number(m[2]) - Number(m[1]));
  expect(heights.length).toBeGreaterThan(100);
  expect(Math.min(...heights)).toBeGreaterThanOrEqual(9.2);
  fs.rmSync(dir, { recursive: true });

  // Every page: group, date and time, billing code, facilitators, page n of m.
  pages.forEach((text, i) => {
    expect(text, `page ${i + 1}`).toContain('Tuesday anxiety group ·');
    expect(text, `page ${i + 1}`).toContain('Billing code 90853');
    expect(text, `page ${i + 1}`).toContain('Facilitators: Dana Lee (lead), Alex Kim (co-facilitator)');
    expect(text, `page ${i + 1}`).toMatch(new RegExp(`Page ${i + 1} of ${pages.length}\\b`));
  });
  // Not yet signed: a line to sign for each facilitator.
  expect(pages.join('\n')).toMatch(/Lead: Dana Lee\s+Signature\s+Date/);

  // Each member's page (their progress note, then their stub) names that member and no other.
  const body = (text: string) => text.replace(/Dana Lee|Tuesday anxiety group/g, '');
  const memberPages = pages.filter((text) => /Attendance: /.test(text));
  expect(memberPages).toHaveLength(2 * MEMBERS.length);
  for (const text of memberPages) {
    const named = MEMBERS.filter((name) => new RegExp(`\\b${name}\\b`).test(body(text)));
    expect(named, text).toHaveLength(1);
  }
  expect(memberPages.filter((text) => text.includes('Progress note: Sam'))).toHaveLength(1);
  expect(memberPages.find((text) => text.includes('Progress note: Sam'))).toContain('Engaged; offered support to peers.');
}

const noteOf = (page: Page, name: string) => page.getByRole('article', { name: `Progress note: ${name}` });
const saved = (page: Page, name: string) => noteOf(page, name).getByRole('status');

test('[R17] a session’s notes drafted from the log, edited on two screens, signed, then an addendum', async () => {
  const group = await createGroup(lead, server);
  const session = await createSession(lead, group.id, { plan: { skill: 'Box breathing' } });
  await openSession(lead, session.id);
  for (const name of ['Sam', 'Priya', 'Jo']) await lead.page.getByRole('checkbox', { name: `Present: ${name}` }).check();
  await ui(lead.page).button('Start session').click();
  await eventually(() => ui(lead.page).currentPhase.textContent()).toBe('Introduction');
  await memberAction(lead.page, 'Sam', 'Give the floor');
  clock.advance(120_000);
  await press(lead.page, 'End turn');
  clock.advance(60_000);
  await ui(lead.page).button('End session').click();
  await lead.page.getByRole('dialog', { name: 'End the session?' }).getByRole('button', { name: 'End session' }).click();
  await lead.page.getByRole('heading', { name: 'Session ended' }).waitFor();

  // Both screens open the review: a draft per member present, prefilled from the log.
  for (const screen of [lead, co]) {
    await screen.page.goto(`/#/sessions/${session.id}/review`);
    await noteOf(screen.page, 'Sam').waitFor();
  }
  const sam = noteOf(lead.page, 'Sam');
  await sam.getByRole('list', { name: 'Facts from the log: Sam' }).getByText('Spoke in 1 turn, 2 min in all').waitFor();
  expect(await sam.getByLabel('Participation').inputValue()).toContain('Spoke in 1 turn');
  expect(await sam.getByLabel('Interventions used').inputValue()).toBe('Skill taught: Box breathing.');
  await noteOf(lead.page, 'Lee').getByText('Absent: an attendance-only note.').waitFor();
  expect(await noteOf(lead.page, 'Lee').getByRole('textbox').count()).toBe(0);
  for (const other of ['Priya', 'Jo', 'Lee']) expect(await sam.innerText()).not.toContain(other);

  // The lead writes; it is saved as she types.
  await sam.getByLabel('Response').fill('Engaged; offered support to peers.');
  await eventually(() => saved(lead.page, 'Sam').textContent()).toMatch(/^Saved, version 1 by Dana Lee/);

  // The co's screen still holds the draft: its save is refused, the lead's text is shown, its own kept aside.
  const coSam = noteOf(co.page, 'Sam');
  await coSam.getByLabel('Plan').fill('Practise box breathing daily.');
  const conflict = coSam.getByRole('alert');
  await conflict.getByText("Sam's note was changed on another screen").waitFor();
  await conflict.getByText('Practise box breathing daily.').waitFor();
  expect(await coSam.getByLabel('Response').inputValue()).toBe('Engaged; offered support to peers.');
  expect(await coSam.getByLabel('Plan').inputValue()).toBe('');
  await conflict.getByRole('button', { name: 'Keep the other text' }).click();
  await coSam.getByLabel('Plan').fill('Practise box breathing daily.');
  await eventually(() => saved(co.page, 'Sam').textContent()).toMatch(/^Saved, version 2 by Alex Kim/);

  // Printed before signing: the PDF itself, one member per page, the running header on every page.
  await printedReport(lead.page);

  // Signed: the notes are fixed as they stand; the co's stale screen cannot edit; an addendum follows.
  await lead.page.getByRole('button', { name: 'Sign as lead' }).click();
  await sam.getByText('Practise box breathing daily.').filter({ visible: true }).waitFor();
  expect(await sam.getByRole('textbox').count()).toBe(0);
  await coSam.getByLabel('Plan').fill('Changed after signing.');
  await coSam.getByRole('alert').getByText('The session is signed: the note takes addenda only.').waitFor();

  await sam.getByRole('button', { name: "Write an addendum to Sam's note" }).click();
  await sam.getByLabel("Text to append to Sam's note").fill('Sam phoned the next day; doing well.');
  await sam.getByRole('button', { name: "Append to Sam's note" }).click();
  await sam.getByText(/^Added after signing by Dana Lee/).waitFor();
  await lead.page.reload();
  await noteOf(lead.page, 'Sam').getByText('Sam phoned the next day; doing well.').waitFor();
  expect(await noteOf(lead.page, 'Sam').innerText()).not.toContain('Changed after signing.');

  expect(lead.errors).toEqual([]);
  expect(co.errors).toEqual([]);
});
