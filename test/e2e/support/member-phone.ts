import type { Page } from 'playwright-core';
import { DEVICES, type Screen } from './holdspace.js';

/**
 * What a member meets (docs/ratings.md, the members' pages): the form a rating link opens, filled
 * in as a person does, by the words on it. The score buttons are labels around radios, so a tap
 * on the label is what a finger does.
 */
export async function rate(page: Page, member: string, score: string): Promise<void> {
  await choose(page, 'Who are you?', member);
  const items = await page.getByRole('radiogroup').all();
  // The first group is "Who are you?"; every other is one statement of the scale.
  for (const item of items.slice(1))
    await item
      .locator('label')
      .filter({ hasText: new RegExp(`^${score}$`) })
      .click();
  await page.getByRole('button', { name: 'Submit rating', exact: true }).click();
}

async function choose(page: Page, group: string, option: string): Promise<void> {
  await page
    .getByRole('radiogroup', { name: group })
    .locator('label')
    .filter({ hasText: new RegExp(`^${option}$`) })
    .click();
}

/** The rating link as the lead's screen shows it in text (the QR code's text equivalent, L24). */
export async function linkShownOn(lead: Screen): Promise<string> {
  const panel = lead.page.getByRole('dialog', { name: 'Members rate the session' });
  await panel.getByRole('img', { name: 'QR code of the address below' }).waitFor();
  const text = await panel.innerText();
  const address = /https?:\/\/\S+\/r\/[\w.-]+/.exec(text)?.[0];
  if (!address) throw new Error(`no rating address on the lead's screen: ${text}`);
  return address;
}

/** A member's own phone: a browser of its own, signed in to nothing. */
export async function memberPhone(lead: Screen): Promise<Page> {
  const browser = lead.context.browser()!;
  const context = await browser.newContext({ ...DEVICES.phone, colorScheme: 'light', reducedMotion: 'reduce' });
  context.setDefaultTimeout(10_000);
  return context.newPage();
}
