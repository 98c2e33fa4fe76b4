import { beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import {
  ALEX,
  bothScreens,
  browserAndServer,
  createGroup,
  createSession,
  DANA,
  eventually,
  FOUR_MEMBERS,
  goLive,
  openScreen,
  openSession,
  press,
  startLiveSession,
  ui,
  type Screen,
} from './support/holdspace.js';

/**
 * The group as it really runs (issue 16): a late arrival joining a go-round under way, a round
 * started at a chosen member counter-clockwise with Up next, and "Left early" confirmed then
 * corrected. Lead (Dana) and co-facilitator (Alex) on two screens; controls found by their names.
 */
const env = browserAndServer();
let lead: Screen;
let co: Screen;

beforeAll(async () => {
  [lead, co] = await Promise.all([
    openScreen(env.browser, env.server, { account: DANA }),
    openScreen(env.browser, env.server, { account: ALEX }),
  ]);
});

const { onBoth, speakerIs } = bothScreens(() => [lead, co]);

/** The words under a member's name on their tile. */
const tileWords = (page: Page, name: string) => ui(page).tile(name).locator('.tile-words').textContent();

/** Opens a member's menu and presses one of its actions, leaving the menu to close (or not) itself. */
/** The member's full menu, opened by its companion button (a tap on the tile acts at once, P46). */
async function inMenu(page: Page, member: string, action: string): Promise<void> {
  await page.getByRole('button', { name: `Actions for ${member}`, exact: true }).click();
  await page.getByRole('dialog', { name: member }).getByRole('button', { name: action, exact: true }).click();
}

test('[P35] [P37] [L13] a member not marked is "Not here yet"; arriving late, they join the go-round under way at the end', async () => {
  const group = await createGroup(lead, env.server);
  const session = await createSession(lead, group.id);
  await openSession(lead, session.id);
  for (const name of FOUR_MEMBERS.filter((n) => n !== 'Lee')) await lead.page.getByRole('checkbox', { name: `Present: ${name}` }).check();
  await ui(lead.page).button('Start session').click();
  await openSession(co, session.id);
  await onBoth((page) => eventually(() => tileWords(page, 'Lee')).toBe('Not here yet'));

  await ui(lead.page).button('Start go-round').click();
  await speakerIs('Sam');
  await onBoth((page) => page.getByText('1 of 3').waitFor());

  // Lee arrives during Sam's turn; the co marks it. The round takes Lee in, after Jo.
  await inMenu(co.page, 'Lee', 'Arrived late: join the go-round at the end');
  await onBoth((page) => eventually(() => tileWords(page, 'Lee')).toMatch(/^Late · \d{1,2}:\d{2}/));
  await onBoth((page) => page.getByText('1 of 4').waitFor());
  for (const next of ['Priya', 'Jo', 'Lee']) {
    await press(lead.page, 'Next speaker');
    await speakerIs(next);
  }
  await press(lead.page, 'Next speaker');
  await speakerIs('Nobody has the floor');
  expect([...lead.errors, ...co.errors]).toEqual([]);
});

test('[P38] [P39] [L14] a round started at Jo counter-clockwise goes Jo, Priya, Sam, Lee, with Up next on both screens', async () => {
  await startLiveSession(env.server, lead, co);
  await ui(lead.page).button('Start from…').click();
  const dialog = lead.page.getByRole('dialog', { name: 'Start a go-round' });
  await dialog.getByLabel('Start with').selectOption({ label: 'Jo' });
  await dialog.getByRole('radio', { name: 'Counter-clockwise' }).check();
  await dialog.getByRole('button', { name: 'Start', exact: true }).click();
  await speakerIs('Jo');
  await onBoth((page) => page.getByText('Up next: Priya').waitFor());
  await press(co.page, 'Next speaker');
  await speakerIs('Priya');
  await onBoth((page) => page.getByText('Up next: Sam').waitFor());
  await press(lead.page, 'Pass');
  await speakerIs('Sam');
  await onBoth((page) => page.getByText('Up next: Lee').waitFor());
  await press(lead.page, 'Next speaker');
  await speakerIs('Lee');
  // After the first pass, the round comes back to Priya, who passed.
  await onBoth((page) => page.getByText('Up next: Priya').waitFor());
  expect([...lead.errors, ...co.errors]).toEqual([]);
});

test('[P41] [L15] "Left early" asks first, and a mistaken one is corrected, with both marks kept in the log', async () => {
  const sessionId = await startLiveSession(env.server, lead, co);
  await inMenu(lead.page, 'Priya', 'Left early');
  const menu = lead.page.getByRole('dialog', { name: 'Priya' });
  // Nothing is sent yet: the menu asks.
  await menu.getByRole('group', { name: 'Confirm Priya left early' }).waitFor();
  expect(await tileWords(co.page, 'Priya')).not.toBe('Left');
  await menu.getByRole('button', { name: 'Confirm left early', exact: true }).click();
  await onBoth((page) => eventually(() => tileWords(page, 'Priya')).toBe('Left'));

  // It was the wrong member: the co corrects it.
  await inMenu(co.page, 'Priya', 'Correct: did not leave');
  await onBoth((page) => eventually(() => tileWords(page, 'Priya')).toBe('Not yet spoken'));

  const response = await lead.context.request.get(`/api/sessions/${sessionId}/log`);
  const { entries } = (await response.json()) as { entries: { event: { type: string; mark?: string; status?: string } }[] };
  const attendance = entries.map((e) => e.event).filter((e) => e.type === 'attendance.mark' || e.type === 'attendance.correct');
  expect(attendance.slice(-2)).toEqual([
    expect.objectContaining({ type: 'attendance.mark', mark: 'left' }),
    expect.objectContaining({ type: 'attendance.correct', status: 'present' }),
  ]);
  expect([...lead.errors, ...co.errors]).toEqual([]);
});

test('[P42] [L16] Crisis pause in one tap on the lead’s screen: paused, flagged, "I’ll take this" and the safety steps on the co’s, then a member steps out with Dana', async () => {
  const group = await createGroup(lead, env.server, { safetySteps: 'Alex stays with the group. Dana steps out with the member.' });
  await goLive(lead, co, (await createSession(lead, group.id)).id);
  await ui(lead.page).button('Crisis pause').click(); // the one tap
  const banner = (page: Page) => page.getByRole('region', { name: 'Crisis pause' });
  await eventually(() => banner(co.page).textContent()).toContain('Dana Lee is taking this');
  await eventually(() => banner(co.page).textContent()).toContain(
    'Safety steps' + 'Alex stays with the group. Dana steps out with the member.',
  );
  await co.page.getByText('Session paused', { exact: true }).first().waitFor();
  await co.page.getByText("I'll take this").first().waitFor();

  // The lead's sheet is open (the console behind it is inert) for a one-line note.
  const sheet = lead.page.getByRole('dialog', { name: 'Crisis pause' });
  await sheet.getByLabel('One-line note').fill('Sam left the circle, tearful; Dana with him');
  await sheet.getByRole('button', { name: 'Save note', exact: true }).click();
  await eventually(() => banner(lead.page).textContent()).toContain('Dana Lee is taking this');
  await eventually(() => co.page.getByRole('button', { name: /Flags and notes/ }).textContent()).toContain('2');

  // From a member's menu: two taps, the member named and stepped out with the sender.
  await inMenu(lead.page, 'Priya', 'Crisis pause: Priya steps out with me');
  await lead.page.getByRole('dialog', { name: 'Crisis pause' }).getByRole('button', { name: 'Close', exact: true }).click();
  await onBoth((page) => eventually(() => tileWords(page, 'Priya')).toBe('Stepped out with Dana Lee'));
  await onBoth((page) => eventually(() => banner(page).textContent()).toContain('about Priya'));
  await ui(co.page).button('Resume session').click();
  await onBoth((page) => eventually(() => banner(page).count()).toBe(0));
  expect([...lead.errors, ...co.errors]).toEqual([]);
});

test('[P23] [L17] a Risk flag made offline is kept on the screen with its commandId and arrives once after reconnecting', async () => {
  const sessionId = await startLiveSession(env.server, lead, co);
  await co.context.setOffline(true);
  await eventually(() => ui(co.page).status.textContent()).toBe('Reconnecting…');
  await co.page.getByRole('button', { name: 'Flag concern (kept offline)', exact: true }).click();
  const dialog = co.page.getByRole('dialog', { name: 'Flag concern' });
  await dialog.getByRole('radio', { name: 'Risk' }).check();
  await dialog.getByRole('button', { name: 'Save flag', exact: true }).click();
  const kept = co.page.getByRole('region', { name: 'Kept while offline' });
  await eventually(() => kept.textContent()).toMatch(/Waiting to send: Risk flag \([A-Za-z0-9_-]{8,}\)/);

  await co.context.setOffline(false);
  await eventually(() => ui(co.page).status.textContent()).toBe('Connected');
  await eventually(() => kept.count()).toBe(0); // answered: no longer waiting
  await eventually(() => lead.page.getByRole('button', { name: /Flags and notes/ }).textContent()).toContain('1');
  const response = await lead.context.request.get(`/api/sessions/${sessionId}/log`);
  const { entries } = (await response.json()) as { entries: { event: { type: string; kind?: string } }[] };
  expect(entries.filter((e) => e.event.type === 'flag.raise')).toEqual([
    expect.objectContaining({ event: expect.objectContaining({ kind: 'risk' }) }),
  ]);
  expect([...lead.errors, ...co.errors]).toEqual([]);
});
