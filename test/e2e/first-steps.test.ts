import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import type { GroupSummary } from '../../shared/schemas/rest.js';
import type { TestServer } from '../support/server.js';
import { launchBrowser } from './support/browser.js';
import { ALEX, createGroup, DANA, eventually, openScreen, startHoldspace, ui } from './support/holdspace.js';

/** Stories before a session: the first account, a group, a planned session started from its lobby. */
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

test('a fresh server offers "Create the first account"; the account made there lands on Groups and can sign out and in', async () => {
  const server = await startHoldspace({ accounts: false });
  try {
    const { page, context, errors } = await openScreen(browser, server);
    await page.goto('/');
    await page.getByRole('heading', { name: 'Create the first account' }).waitFor();
    await page.getByLabel('Name').fill('Robin Admin');
    await page.getByLabel('Email').fill('robin@example.org');
    await page.getByLabel('Password').fill('a long enough password');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Groups' }).waitFor();
    expect((await (await context.request.get('/api/me')).json()).user).toMatchObject({ name: 'Robin Admin', admin: true });

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByLabel('Email').fill('robin@example.org');
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').getByText('do not match').waitFor();
    await page.getByLabel('Password').fill('a long enough password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Groups' }).waitFor();

    // Installable: a manifest, and a service worker that keeps the shell but never live data.
    const manifest = await (await context.request.get('/manifest.webmanifest')).json();
    expect(manifest).toMatchObject({ name: 'Holdspace', display: 'fullscreen', start_url: '/' });
    const worker = await page.evaluate(async () => (await navigator.serviceWorker.ready).active?.scriptURL);
    expect(worker).toBe(`${server.url}/sw.js`);
    await page.reload();
    await page.getByRole('heading', { name: 'Groups' }).waitFor();
    const cached = await page.evaluate(async () => {
      const urls: string[] = [];
      for (const key of await caches.keys())
        for (const request of await (await caches.open(key)).keys()) urls.push(new URL(request.url).pathname);
      return urls;
    });
    expect(cached).toContain('/');
    expect(cached.some((p) => p.startsWith('/assets/'))).toBe(true);
    expect(cached.filter((p) => p.startsWith('/api') || p.startsWith('/socket.io'))).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  } finally {
    await server.close();
  }
});

describe('with the lead and a co-facilitator', () => {
  let server: Awaited<ReturnType<typeof startHoldspace>>;
  beforeAll(async () => {
    server = await startHoldspace();
  });
  afterAll(async () => {
    await server?.close();
  });

  test('a group with four members is created in seat order, with a co-facilitator and agreements, then edited', async () => {
    const { page, context, errors } = await openScreen(browser, server);
    await page.goto('/');
    await page.getByLabel('Email').fill(DANA.email);
    await page.getByLabel('Password').fill(DANA.password);
    await page.getByRole('button', { name: 'Sign in' }).click();

    await page.getByRole('button', { name: 'New group' }).click();
    await page.getByLabel('Group name').fill('Thursday grief group');
    for (const name of ['Sam', 'Priya', 'Lee', 'Jo']) {
      await page.getByLabel('Member name').fill(name);
      await page.getByRole('button', { name: 'Add member' }).click();
    }
    // Jo sits before Lee: one tap on the arrow.
    await page.getByRole('button', { name: 'Move Jo up' }).click();
    await page.getByLabel('Co-facilitator').selectOption({ label: ALEX.name });
    await page.getByLabel('Group agreements').fill('What is said here stays here.');
    await page.getByRole('button', { name: 'Save group' }).click();

    await page.getByRole('heading', { name: 'Thursday grief group' }).waitFor();
    const seats = page.getByRole('list', { name: 'Members in seat order' }).getByRole('listitem');
    await eventually(() => seats.allTextContents()).toEqual(['Sam', 'Priya', 'Jo', 'Lee']);

    // Editing keeps the members (and their ids) and adds one; a duplicate name is refused.
    await page.getByLabel('Member name').fill('sam');
    await page.getByRole('button', { name: 'Add member' }).click();
    await page.getByText('There is already a sam in this group').waitFor();
    await page.getByLabel('Member name').fill('Ana');
    await page.getByRole('button', { name: 'Add member' }).click();
    await page.getByRole('button', { name: 'Remove Ana' }).waitFor();
    await page.getByRole('button', { name: 'Save group' }).click();
    await page.getByText(/^Group saved at/).waitFor();
    await eventually(() => seats.allTextContents()).toEqual(['Sam', 'Priya', 'Jo', 'Lee', 'Ana']);
    await page.getByLabel('Member name').fill('Kai');
    await page.getByRole('button', { name: 'Add member' }).click();
    await page.getByRole('button', { name: 'Remove Kai' }).click();

    const { groups } = (await (await context.request.get('/api/groups')).json()) as { groups: GroupSummary[] };
    expect(groups).toHaveLength(1);
    expect(groups[0]!.members.toSorted((a, b) => a.seat - b.seat).map((m) => m.name)).toEqual(['Sam', 'Priya', 'Jo', 'Lee', 'Ana']);
    expect(groups[0]).toMatchObject({
      coFacilitatorId: server.ids.alex,
      billingCode: '90853',
      agreements: 'What is said here stays here.',
    });
    expect(errors).toEqual([]);
    await context.close();
  });

  test('a session is planned and started from the lobby with three of four members present', async () => {
    const screen = await openScreen(browser, server, { account: DANA });
    const { page, context, errors } = screen;
    const group = await createGroup(screen, server);
    await page.goto(`/#/groups/${group.id}`);
    await page.getByRole('button', { name: 'Plan session' }).click();

    expect(await page.getByLabel('Sharing minutes').inputValue()).toBe('20');
    await page.getByText('Total: 75 minutes, within the usual 60–90.').waitFor();
    await page.getByLabel('Feedback minutes').fill('15');
    await page.getByText('Total: 80 minutes').waitFor();
    await page.getByLabel('Skill to teach').fill('Box breathing');
    expect(await page.getByLabel('Co-facilitator').inputValue()).toBe(server.ids.alex);
    await page.getByRole('button', { name: 'Create session' }).click();

    const u = ui(page);
    await eventually(() => u.status.textContent()).toBe('Connected');
    expect(await u.button('Start session').isDisabled()).toBe(true);
    for (const name of ['Sam', 'Priya', 'Jo']) await page.getByRole('checkbox', { name: `Present: ${name}` }).check();
    await page.getByText('3 of 4 here').waitFor();
    await u.button('Start session').click();

    await eventually(() => u.currentPhase.textContent()).toBe('Introduction');
    await eventually(() => u.tile('Lee').getAttribute('class')).toContain('away');
    expect(await u.tile('Sam').getAttribute('aria-describedby')).toBeTruthy();
    await u.timer('Session time').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});

export type { TestServer };
