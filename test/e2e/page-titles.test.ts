import { beforeAll, describe, expect, test } from 'vitest';
import {
  browserAndServer,
  createGroup,
  createSession,
  DANA,
  eventually,
  openScreen,
  openSession,
  ui,
  type Screen,
} from './support/holdspace.js';

/**
 * Browser tab titles (docs/privacy.md D25). A title is kept in the browser's history on a shared
 * tablet, so it names the page, never a group or a member: a Part 2 group's name there would say
 * who attends it. Every title the page ever had is recorded, so a name shown for a moment counts.
 */
const GROUP = 'Riverside recovery circle';
const MEMBERS = ['Zephyrine', 'Quillon'];

const env = browserAndServer();
let lead: Screen;

/** Records each distinct document.title from the first script on, across the whole visit. */
function recordTitles() {
  const seen: string[] = [];
  (window as unknown as { titles: string[] }).titles = seen;
  const record = () => {
    if (document.title && !seen.includes(document.title)) seen.push(document.title);
  };
  new MutationObserver(record).observe(document, { subtree: true, childList: true, characterData: true });
  document.addEventListener('DOMContentLoaded', record);
}

const titlesSoFar = () => lead.page.evaluate(() => (window as unknown as { titles: string[] }).titles.slice());

beforeAll(async () => {
  lead = await openScreen(env.browser, env.server, { account: DANA });
  await lead.page.addInitScript(recordTitles);
});

describe('page titles', () => {
  test('[D25] a Part 2 group, its planning, its live session, the end and the review: no title names the group or a member', async () => {
    const { page } = lead;
    const group = await createGroup(lead, env.server, { name: GROUP, members: MEMBERS.map((name) => ({ name })), substanceUse: true });
    await page.goto(`/#/groups/${group.id}`);
    // The heading on the screen may name the group; the tab's title may not.
    await page.getByRole('heading', { name: GROUP, level: 1 }).waitFor();
    await eventually(() => page.title()).toBe('Group · Holdspace');

    await page.goto(`/#/groups/${group.id}/plan`);
    await page.getByRole('heading', { name: `Plan session: ${GROUP}`, level: 1 }).waitFor();
    await eventually(() => page.title()).toBe('Plan session · Holdspace');

    const session = await createSession(lead, group.id);
    await openSession(lead, session.id);
    for (const name of MEMBERS) await page.getByRole('checkbox', { name: `Present: ${name}` }).check();
    await ui(page).button('Start session').click();
    await eventually(() => ui(page).currentPhase.textContent()).toBe('Introduction');
    await ui(page).tile(MEMBERS[0]!).waitFor();
    expect(await page.title()).toBe('Session · Holdspace');

    await ui(page).button('End session').click();
    await page.getByRole('dialog', { name: 'End the session?' }).getByRole('button', { name: 'End session' }).click();
    await page.getByRole('heading', { name: 'Session ended' }).waitFor();
    expect(await page.title()).toBe('Session · Holdspace');

    await page.goto(`/#/sessions/${session.id}/review`);
    await page.getByRole('heading', { name: 'Session review', level: 1 }).waitFor();
    await page.getByText(MEMBERS[0]!).first().waitFor();
    await eventually(() => page.title()).toBe('Session review · Holdspace');

    const seen = await titlesSoFar();
    expect(seen).toEqual(
      expect.arrayContaining(['Group · Holdspace', 'Plan session · Holdspace', 'Session · Holdspace', 'Session review · Holdspace']),
    );
    for (const title of seen) {
      for (const name of [GROUP, ...MEMBERS]) expect(title.toLowerCase(), title).not.toContain(name.toLowerCase());
    }
    expect(lead.errors).toEqual([]);
  });
});
