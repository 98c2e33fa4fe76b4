import fs from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import type { LookLine } from '../../shared/review/worth-a-look.js';
import { manualClock } from '../support/clock.js';
import { groupRunner, runSession, type SessionScript } from '../support/history.js';
import { startTestServer, type TestServer } from '../support/server.js';
import type { TestSocket } from '../support/sockets.js';
import { launchBrowser } from './support/browser.js';
import { DANA, eventually, FOUR_MEMBERS, openScreen, type Screen } from './support/holdspace.js';

/**
 * The group over its sessions in real Chromium (review.md §What needs doing, §Across sessions):
 * ten sessions run on the lead's real socket through the server, then the group page's "Worth a
 * look" list, each line linking to its sessions, and the home page's "Needs signature" turning
 * to "Signed" once the lead signs.
 */
const clock = manualClock(Date.now());
let browser: Browser;
let server: TestServer;
let socket: TestSocket;
let lead: Screen;
let groupId: string;
const ids: string[] = [];

// Sam speaks most; Priya stops speaking after the seventh; Jo stays away, then comes late three
// times; the fifth session runs half as long again as planned.
const history = (n: number): SessionScript => {
  const jo = n === 7 || n === 9 || n === 10;
  return {
    present: ['Sam', 'Priya', 'Lee'],
    late: jo ? ['Jo'] : [],
    talk: { Sam: 120, ...(n <= 7 ? { Priya: 60 } : {}), Lee: 60, ...(jo ? { Jo: 20 } : {}) },
    minutes: n === 5 ? 15 : 10,
  };
};

beforeAll(async () => {
  server = await startTestServer({ serveClient: true, clock, config: { logLevel: 'silent', clinicTimeZone: 'UTC' } });
  const runner = await groupRunner(server, clock, DANA, FOUR_MEMBERS);
  ({ socket, groupId } = runner);
  for (let n = 1; n <= 10; n++) ids.push(await runSession(runner, history(n)));
  browser = await launchBrowser();
  lead = await openScreen(browser, server, { account: DANA });
});
afterAll(async () => {
  socket?.disconnect();
  await browser?.close();
  await server?.close();
});

test('[R29][R30][R31][R32][R33][L22] the group page lists what is worth a look over ten sessions, each line linked to its sessions', async () => {
  const { page } = lead;
  const lines = ((await (await lead.context.request.get(`/api/groups/${groupId}/trends`)).json()) as { lines: LookLine[] }).lines;
  expect(lines.map((l) => l.kind)).toEqual(['silent', 'late', 'talkShare', 'talkShare', 'attendance', 'offPlan']);

  await page.goto(`/#/groups/${groupId}`);
  const list = page.getByRole('list', { name: 'Worth a look' });
  await list.waitFor();
  const items = list.getByRole('listitem');
  await eventually(() => items.count()).toBe(lines.length);
  for (const [i, line] of lines.entries()) {
    const item = items.nth(i);
    expect(await item.textContent()).toContain(line.text);
    const links = await item.getByRole('link').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(links, line.text).toEqual(line.sessionIds.map((id) => `#/sessions/${id}/review`));
  }
  expect(await items.nth(0).textContent()).toContain('Priya has not spoken in the last 3 sessions they attended.');
  expect(lines[0]!.sessionIds).toEqual(ids.slice(7));
  expect(await items.nth(1).textContent()).toContain('Jo was late in 3 of the last 5 sessions.');
  expect(lines.at(-1)!.sessionIds).toEqual([ids[4]]);

  // Each chart is a named image with its values in words beside it.
  for (const name of ['Attendance rate', 'Flags', 'Against the plan', 'Sam', 'Priya', 'Jo', 'Lee']) {
    await page.getByRole('img', { name, exact: true }).waitFor();
  }
  const attendance = page.getByRole('table', { name: 'Attendance rate' });
  expect(await attendance.getByRole('row').count()).toBe(10);
  expect(await attendance.getByRole('row').first().textContent()).toMatch(/75 %$/);

  // For the record: the section as it looks (test/artifacts is not committed).
  fs.mkdirSync('test/artifacts', { recursive: true });
  await page.getByRole('region', { name: 'Trends' }).screenshot({ path: 'test/artifacts/worth-a-look.png' });

  // A line's link opens the session's review.
  await items.nth(0).getByRole('link').first().click();
  await page.getByRole('heading', { name: 'Session review', level: 1 }).waitFor();
  expect(page.url()).toContain(`#/sessions/${ids[7]}/review`);
  expect(lead.errors).toEqual([]);
});

test('[R28][L21] the home page shows "Needs signature", lists it as waiting, and shows "Signed" once signed', async () => {
  const { page } = lead;
  const last = ids.at(-1)!;
  await page.goto('/');
  const sessions = page.getByRole('region', { name: 'Sessions' });
  const row = sessions.getByRole('listitem').filter({ has: page.locator(`a[href="#/sessions/${last}"]`) });
  await eventually(() => row.textContent()).toMatch(/Needs signature$/);
  expect(await sessions.getByText('Needs signature', { exact: true }).count()).toBe(10);
  expect(await sessions.getByText(/Ended/).count()).toBe(0);
  const waiting = page.getByRole('list', { name: 'Waiting for you' });
  const waitingRow = waiting.getByRole('listitem').filter({ has: page.locator(`a[href="#/sessions/${last}/review"]`) });
  expect(await waitingRow.textContent()).toContain('Write the progress notes and sign · notes 0 of 4');
  expect(await waiting.getByRole('listitem').count()).toBe(10);

  await waitingRow.getByRole('link').click();
  await page.getByRole('button', { name: 'Sign as lead' }).click();
  await page.getByText(/^Signed by Dana Lee \(lead\)/).waitFor();

  await page.goto('/');
  await eventually(() => row.textContent()).toMatch(/Signed$/);
  expect(await sessions.getByText('Needs signature', { exact: true }).count()).toBe(9);
  await eventually(() => waiting.getByRole('listitem').count()).toBe(9);
  expect(await waitingRow.count()).toBe(0);
  expect(lead.errors).toEqual([]);
});
