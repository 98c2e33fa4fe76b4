import fs from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import type { GroupSummary, SessionSummary } from '../../shared/schemas/rest.js';
import { createAccount, type AccountInput } from '../support/server.js';
import { parseCsv } from '../review/server-support.js';
import {
  browserAndServer,
  ALEX,
  createGroup,
  createSession,
  DANA,
  eventually,
  openScreen,
  openSession,
  PASSWORD,
  ui,
  type Screen,
} from './support/holdspace.js';

/**
 * Roles beyond the two facilitators (docs/security.md, authorization matrix): a reviewer the lead
 * grants, who reads ended reviews and never a live console; the lead's privacy actions (Part 2,
 * erasure); and the admin, who reads the audit log and runs retention.
 */
const RAE: AccountInput = { name: 'Rae Okafor', email: 'rae@example.org', password: PASSWORD };

const env = browserAndServer();
let lead: Screen;
let group: GroupSummary;
let live: SessionSummary;

beforeAll(async () => {
  await createAccount(env.server, RAE);
  lead = await openScreen(env.browser, env.server, { account: DANA });
  group = await createGroup(lead, env.server);
});

/** Two sessions of the group: one run and ended, one live (expect.poll needs a test, not a hook). */
async function endedAndLive() {
  const { page } = lead;
  const ended = await createSession(lead, group.id);
  await openSession(lead, ended.id);
  await page.getByRole('checkbox', { name: 'Present: Sam' }).check();
  await ui(page).button('Start session').click();
  await ui(page).button('End session').click();
  await page.getByRole('dialog', { name: 'End the session?' }).getByRole('button', { name: 'End session' }).click();
  await page.getByRole('heading', { name: 'Session ended' }).waitFor();
  live = await createSession(lead, group.id);
  await openSession(lead, live.id);
  await page.getByRole('checkbox', { name: 'Present: Sam' }).check();
  await ui(page).button('Start session').click();
  await eventually(() => ui(page).currentPhase.textContent()).toBe('Introduction');
}

/** Serious or critical accessibility violations on the page, as readable lines (as accessibility.test.ts). */
async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Signs in through the form, as a person does (and as the audit log records). */
async function signIn(page: Page, account: AccountInput) {
  await page.goto('/');
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Groups' }).waitFor();
}

describe('in order: reviewer, the lead’s privacy actions, then the admin who audits them', () => {
  test('the lead grants a reviewer, who reads ended reviews but cannot sign or open the live console', async () => {
    await endedAndLive();
    const { page } = lead;
    await page.goto(`/#/groups/${group.id}`);
    const reviewers = page.getByRole('region', { name: 'Reviewers' });
    await reviewers.getByText('No reviewers.').waitFor();
    // The group's own facilitators are not offered: they read its reviews already.
    expect(await page.getByLabel('New reviewer').locator('option:not([disabled])').allTextContents()).toEqual([RAE.name]);
    await page.getByLabel('New reviewer').selectOption({ label: RAE.name });
    await page.getByRole('button', { name: 'Add reviewer' }).click();
    await reviewers.getByRole('button', { name: `Remove ${RAE.name}` }).waitFor();
    expect(await reviewers.getByRole('list', { name: 'Reviewers' }).textContent()).toContain(RAE.name);
    expect(await seriousViolations(page)).toEqual([]);

    const rae = await openScreen(env.browser, env.server);
    await signIn(rae.page, RAE);
    const mine = rae.page.getByRole('list', { name: 'My groups' });
    await eventually(() => mine.textContent()).toContain('reviewer');
    await mine.getByRole('link', { name: group.name }).click();
    await rae.page.getByRole('heading', { name: group.name, level: 1 }).waitFor();
    await rae.page.getByRole('heading', { name: 'Sessions' }).waitFor();
    // Ended sessions only, each straight to its review; nothing to plan, edit or grant.
    const sessions = rae.page.locator('.session-list').getByRole('link');
    await eventually(() => sessions.allTextContents()).toEqual([expect.stringMatching(/^Session, /)]);
    for (const name of ['Plan session', 'Save group', 'Add reviewer', 'Invite co-facilitator']) {
      expect(await rae.page.getByRole('button', { name }).count(), name).toBe(0);
    }
    await sessions.first().click();
    await rae.page.getByRole('heading', { name: 'Session review', level: 1 }).waitFor();
    await rae.page.getByRole('heading', { name: 'Signatures' }).waitFor();
    expect(await rae.page.getByRole('button', { name: /^Sign as/ }).count()).toBe(0);
    expect(await rae.page.getByLabel('Addendum').count()).toBe(0);
    await rae.page.getByRole('link', { name: 'Download CSV' }).waitFor();
    // [S30] The server sends a reviewer no private note; the page says so.
    await rae.page.getByText('Private notes are for the session’s facilitators and are not shown to reviewers.').waitFor();
    // [S31] The live session's review is refused until it ends.
    await rae.page.goto(`/#/sessions/${live.id}/review`);
    await rae.page.getByText('A reviewer reads a session once it has ended.').waitFor();

    // The live session's address shows a refusal, never the console.
    await rae.page.goto(`/#/sessions/${live.id}`);
    await rae.page.getByRole('heading', { name: 'This session cannot be shown' }).waitFor();
    expect(await ui(rae.page).currentPhase.count()).toBe(0);
    expect(await ui(rae.page).button('Next phase').count()).toBe(0);
    expect(rae.errors).toEqual([]);

    // Removed, the reviewer no longer finds the group.
    await reviewers.getByRole('button', { name: `Remove ${RAE.name}` }).click();
    await reviewers.getByText('No reviewers.').waitFor();
    await rae.page.goto('/');
    await rae.page.getByRole('heading', { name: 'Sessions' }).waitFor();
    expect(await rae.page.getByRole('link', { name: group.name }).count()).toBe(0);
    await rae.context.close();
  });

  test('the lead marks the group as Part 2 and erases a member, after a confirmation that says it is permanent', async () => {
    const { page, context } = lead;
    await page.goto(`/#/groups/${group.id}`);
    await page.getByRole('checkbox', { name: 'Substance-use group (42 CFR Part 2)' }).check();
    await page.getByRole('button', { name: 'Save group' }).click();
    await page.getByText(/^Group saved at/).waitFor();
    await page
      .getByRole('note')
      .getByText(/^Substance-use group \(42 CFR Part 2\)/)
      .waitFor();
    expect(await page.getByRole('checkbox', { name: 'Substance-use group (42 CFR Part 2)' }).isChecked()).toBe(true);

    const erase = page.getByRole('region', { name: 'Erase a member' });
    await erase.getByRole('button', { name: 'Erase Lee' }).click();
    const dialog = page.getByRole('dialog', { name: 'Erase Lee?' });
    await eventually(() => dialog.textContent()).toContain('permanent and cannot be undone');
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Keep' }).click();
    await eventually(() => dialog.count()).toBe(0);
    await erase.getByRole('button', { name: 'Erase Lee' }).click();
    await dialog.getByRole('button', { name: 'Erase Lee' }).click();
    await erase.getByRole('status').getByText('Lee was erased.').waitFor();
    const seats = page.getByRole('list', { name: 'Members in seat order' }).getByRole('listitem');
    await eventually(() => seats.allTextContents()).toEqual(['Sam', 'Priya', 'Jo']);

    const { group: saved } = (await (await context.request.get(`/api/groups/${group.id}`)).json()) as { group: GroupSummary };
    expect(saved.substanceUse).toBe(true);
    expect(saved.members.map((m) => m.name)).not.toContain('Lee');
    expect(lead.errors).toEqual([]);
  });

  test('the admin reads the audit log (sign-ins, the group change, the erasure), downloads it, sets retention and purges', async () => {
    const { page } = lead; // Dana is an admin as well as this group's lead.
    await page.goto('/');
    await page.getByRole('link', { name: `Account: ${DANA.name}` }).click();
    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('heading', { name: 'Audit log', level: 1 }).waitFor();
    const table = page.getByRole('table', { name: 'Audit entries' });
    const rows = () =>
      table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
    await table.waitFor();
    const actions = (await rows()).map(([, who, action]) => `${who} · ${action}`);
    for (const expected of [
      `${DANA.name} · Signed in auth.sign-in`,
      `${RAE.name} · Signed in auth.sign-in`,
      `${DANA.name} · Created a group group.create`,
      `${DANA.name} · Changed a group group.update`,
      `${DANA.name} · Added a reviewer group.reviewer.grant`,
      `${DANA.name} · Removed a reviewer group.reviewer.revoke`,
      `${DANA.name} · Erased a member member.erase`,
      `${RAE.name} · Read a review review.view`,
    ]) {
      expect(actions, expected).toContain(expected);
    }
    // The Part 2 mark is recorded as a changed field, not as a name.
    const change = (await rows()).find((r) => r[2]!.startsWith('Changed a group'));
    expect(change?.[4]).toContain('changed: substanceUse;');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('Action').selectOption({ label: 'Signed in' });
    expect(new Set((await rows()).map((r) => r[2]))).toEqual(new Set(['Signed in auth.sign-in']));

    // A range with nothing in it, then today's.
    await page.getByLabel('From').fill('2020-01-01');
    await page.getByLabel('To').fill('2020-01-31');
    await page.getByRole('button', { name: 'Show entries' }).click();
    await page.getByText('No entries in this range.').waitFor();
    const today = new Date().toISOString().slice(0, 10);
    await page.getByLabel('From').fill(today);
    await page.getByLabel('To').fill(today);
    await page.getByRole('button', { name: 'Show entries' }).click();
    await table.waitFor();
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download audit CSV' }).click()]);
    expect(file.suggestedFilename()).toBe(
      `holdspace-audit-${today}-${new Date(Date.parse(today) + 86_400_000).toISOString().slice(0, 10)}.csv`,
    );
    const csv = parseCsv(fs.readFileSync(await file.path(), 'utf8'));
    expect(csv[0]).toEqual(['seq', 'at', 'actorId', 'actorName', 'action', 'subjectType', 'subjectId', 'detail', 'address']);
    expect(csv.filter((r) => r[4] === 'auth.sign-in').map((r) => r[3])).toEqual(expect.arrayContaining([DANA.name, RAE.name]));
    expect(csv.map((r) => r[4])).toContain('member.erase');

    // Retention: kept for ever, then 30 days; purge now, confirmed, says what it did.
    await page.goto('/#/account');
    await page.getByRole('link', { name: 'Data retention' }).click();
    await page.getByText('Ended sessions are kept for ever.').waitFor();
    await page.getByLabel('Retention days').fill('30');
    await page.getByRole('button', { name: 'Save retention' }).click();
    await page.getByRole('status').getByText('Saved.').waitFor();
    await page.getByText(/^Ended sessions are deleted 30 days after they end/).waitFor();
    expect(await page.getByLabel('Retention days').inputValue()).toBe('30');
    await page.getByRole('button', { name: 'Purge now' }).click();
    const confirm = page.getByRole('dialog', { name: 'Purge now?' });
    await eventually(() => confirm.textContent()).toContain('more than 30 days ago is deleted for good');
    await confirm.getByRole('button', { name: 'Purge now' }).click();
    await page
      .getByRole('status')
      .getByText(/^Purge ran: deleted 0 sessions and 0 log entries that ended before/)
      .waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.goto('/#/admin/audit');
    await table.waitFor();
    const after = (await rows()).map((r) => r[2]);
    expect(after).toEqual(
      expect.arrayContaining([
        'Changed retention settings.retention',
        'Purged old sessions purge.run',
        'Downloaded the audit log audit.export',
      ]),
    );
    expect(lead.errors).toEqual([]);
  });

  test('anyone else finds no admin pages: no links on Account, and the server refuses the addresses', async () => {
    const alex = await openScreen(env.browser, env.server, { account: ALEX });
    await alex.page.goto('/#/account');
    await alex.page.getByRole('heading', { name: 'Two-factor sign-in' }).waitFor();
    expect(await alex.page.getByRole('link', { name: 'Audit log' }).count()).toBe(0);
    await alex.page.goto('/#/admin/audit');
    await alex.page.getByRole('alert').getByText('Only an admin can read the audit log.').waitFor();
    await alex.page.goto('/#/admin/retention');
    await alex.page.getByRole('alert').getByText('Only an admin can do that.').waitFor();
    expect(alex.errors).toEqual([]);
    await alex.context.close();
  });
});
