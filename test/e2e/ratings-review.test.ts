import fs from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { DEFAULT_RATING_ITEMS } from '../../shared/schemas/rating-scale.js';
import { manualClock } from '../support/clock.js';
import { groupRunner, runSession } from '../support/history.js';
import { fourScores, rater } from '../support/ratings.js';
import { startTestServer, type TestServer } from '../support/server.js';
import type { TestSocket } from '../support/sockets.js';
import { launchBrowser } from './support/browser.js';
import { DANA, eventually, FOUR_MEMBERS, openScreen, rowsOf, type Screen } from './support/holdspace.js';

/**
 * Members' ratings in the record, in real Chromium (review.md §Ratings, R34–R38): three sessions
 * run on the lead's socket, the first without ratings, the others rated through the server's own
 * rating store as the members' pages save them. The review shows the table, the chart's text
 * equivalent and the comments; the group page shows each member's overall rating and a rating
 * line worth a look.
 */
const clock = manualClock(Date.now());
let browser: Browser;
let server: TestServer;
let socket: TestSocket;
let lead: Screen;
let groupId: string;
const ids: string[] = [];

const all = fourScores;

beforeAll(async () => {
  server = await startTestServer({ serveClient: true, clock, config: { logLevel: 'silent', clinicTimeZone: 'UTC' } });
  const runner = await groupRunner(server, clock, DANA, FOUR_MEMBERS);
  ({ socket, groupId } = runner);
  for (let n = 0; n < 3; n++)
    ids.push(await runSession(runner, { present: ['Sam', 'Priya', 'Lee'], talk: { Sam: 60, Priya: 60, Lee: 60 } }));
  const { collect, rate } = rater(server, clock, runner.member);
  for (const sessionId of ids.slice(1)) await collect(sessionId);
  await rate(ids[1]!, 'Sam', all(8, 8, 8, 8));
  await rate(ids[1]!, 'Priya', all(8, 9, 9, 9), 'Felt heard today.');
  await rate(ids[2]!, 'Sam', all(7, 7, 7, 7));
  await rate(ids[2]!, 'Priya', all(6, 6, 5, 5), 'Too rushed at the end.');
  await rate(ids[2]!, 'Lee', all(9, 8, 8, 8));
  browser = await launchBrowser();
  lead = await openScreen(browser, server, { account: DANA });
});
afterAll(async () => {
  socket?.disconnect();
  await browser?.close();
  await server?.close();
});

test('[R34][R35] the review shows the ratings as a table and a chart with its text equivalent, comments included', async () => {
  const { page } = lead;
  await page.goto(`/#/sessions/${ids[2]}/review`);
  const section = page.getByRole('region', { name: 'Ratings' });
  await section.waitFor();
  expect(await rowsOf(page, 'Ratings', { head: true })).toEqual([
    ['Member', ...DEFAULT_RATING_ITEMS.map((i) => i.label), 'Overall', 'Comment'],
    ['Sam', '7', '7', '7', '7', '7', ''],
    ['Priya', '6', '6', '5', '5', '5', 'Too rushed at the end.'],
    ['Lee', '9', '8', '8', '8', '8', ''],
  ]);
  const chart = section.getByRole('img');
  expect(await chart.getAttribute('aria-label')).toBe(
    'Ratings per item, out of 10. I felt part of the group today: mean 7.3; We worked on what mattered to me: mean 7; ' +
      "The way we worked suited me: mean 6.7; Overall, today's group was right for me: mean 6.7.",
  );
  expect(await chart.locator('rect title').allTextContents()).toContain('Priya: 5');
  const download = section.getByRole('link', { name: 'Download ratings (CSV)' });
  expect(await download.getAttribute('href')).toBe(`/api/sessions/${ids[2]}/ratings.csv`);
  // For the record: the section as it looks (test/artifacts is not committed).
  fs.mkdirSync('test/artifacts', { recursive: true });
  await section.screenshot({ path: 'test/artifacts/ratings-review.png' });

  // A session that collected none says so, and nothing else.
  await page.goto(`/#/sessions/${ids[0]}/review`);
  await page.getByRole('region', { name: 'Ratings' }).getByText('No ratings were collected in this session.').waitFor();
  expect(await page.getByRole('table', { name: 'Ratings', exact: true }).count()).toBe(0);
  expect(lead.errors).toEqual([]);
});

test('[R36][R37][R38] the group page draws each member’s overall rating and lists the rating lines worth a look', async () => {
  const { page } = lead;
  await page.goto(`/#/groups/${groupId}`);
  const list = page.getByRole('list', { name: 'Worth a look' });
  await list.waitFor();
  const line = list.getByRole('listitem').filter({ hasText: "Priya's overall rating dropped 4 points, from 9 to 5." });
  await eventually(() => line.count()).toBe(1);
  const links = await line.getByRole('link').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  expect(links).toEqual([ids[1], ids[2]].map((id) => `#/sessions/${id}/review`));

  await page.getByRole('img', { name: 'Priya, overall rating', exact: true }).waitFor();
  const values = await rowsOf(page, 'Priya, overall rating');
  expect(values.map(([, value]) => value)).toEqual(['not rated', '9 of 10', '5 of 10']);
  expect((await rowsOf(page, 'Lee, overall rating')).map(([, value]) => value)).toEqual(['not rated', 'not rated', '8 of 10']);
  await page.getByRole('region', { name: 'Trends' }).screenshot({ path: 'test/artifacts/ratings-trends.png' });
  expect(lead.errors).toEqual([]);
});

test('[R37] the lead sets the rating thresholds on the group form; the list follows them, and the others stay as they were', async () => {
  const { page } = lead;
  await page.goto(`/#/groups/${groupId}`);
  const drop = page.getByRole('spinbutton', { name: 'Overall rating dropped by at least (points)' });
  expect(await drop.inputValue()).toBe('3');
  expect(await page.getByRole('spinbutton', { name: 'A statement rated below' }).inputValue()).toBe('5');
  await drop.fill('5');
  await page.getByRole('button', { name: 'Save group' }).click();
  await page
    .getByRole('status')
    .filter({ hasText: /^Group saved at/ })
    .waitFor();

  await page.reload();
  await page.getByRole('list', { name: 'Worth a look' }).waitFor();
  expect(await page.getByText(/overall rating dropped/).count()).toBe(0);
  expect(await drop.inputValue()).toBe('5');
  expect(await page.getByRole('spinbutton', { name: '… in this many rated sessions running' }).inputValue()).toBe('2');
  expect(lead.errors).toEqual([]);
});
