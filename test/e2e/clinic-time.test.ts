import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './support/browser.js';
import { startHoldspace } from './support/holdspace.js';

/**
 * The clinic's time zone (docs/review.md R26): the first-account screen offers the browser's own
 * zone, the server keeps what was chosen, and an admin changes it on the account page.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

test('[R26] the setup screen offers the browser’s zone and language; an admin changes them later', async () => {
  const server = await startHoldspace({ accounts: false });
  // A laptop in Berlin, in German: what the server was told at setup, whatever its own zone.
  const context = await browser.newContext({ baseURL: server.url, timezoneId: 'Europe/Berlin', locale: 'de-DE' });
  context.setDefaultTimeout(10_000);
  try {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto('/');
    await page.getByRole('heading', { name: 'Create the first account' }).waitFor();
    const zone = page.getByRole('combobox', { name: 'Clinic time zone' });
    expect(await zone.inputValue()).toBe('Europe/Berlin');
    await page.getByLabel('Name').fill('Robin Admin');
    await page.getByLabel('Email').fill('robin@example.org');
    await page.getByLabel('Password', { exact: true }).fill('a long enough password');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Groups' }).waitFor();
    const settings = async () => ((await (await context.request.get('/api/settings')).json()) as { settings: object }).settings;
    expect(await settings()).toMatchObject({ clinicTimeZone: 'Europe/Berlin', clinicLocale: 'de-DE' });

    await page.goto('/#/account');
    const form = page.getByRole('region', { name: 'Clinic time' });
    await form.getByRole('combobox', { name: 'Clinic time zone' }).selectOption('America/New_York');
    await form.getByLabel('Clinic locale').fill('en-US');
    await form.getByRole('button', { name: 'Save clinic time' }).click();
    await form.getByRole('status').getByText('Saved.').waitFor();
    expect(await settings()).toMatchObject({ clinicTimeZone: 'America/New_York', clinicLocale: 'en-US' });

    // A locale that is not one is refused with a sentence, and nothing changes.
    await form.getByLabel('Clinic locale').fill('english please');
    await form.getByRole('button', { name: 'Save clinic time' }).click();
    await form
      .getByRole('alert')
      .getByText(/must be a locale such as en-GB or de-DE/)
      .waitFor();
    expect(await settings()).toMatchObject({ clinicLocale: 'en-US' });
    expect(errors).toEqual([]);
  } finally {
    await context.close();
    await server.close();
  }
});
