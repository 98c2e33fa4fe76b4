import { expect, test } from 'vitest';
import { ALEX, browserAndServer, DANA, eventually, openScreen, PASSWORD, startLiveSession, ui } from './support/holdspace.js';
import { rate } from './support/member-phone.js';

/**
 * Kiosk mode (docs/ratings.md "Kiosk mode", console.md L26): with no phones in the room, the
 * lead's tablet becomes the rating form, one member after another, and the console behind it
 * cannot be reached without the lead's password.
 */
const env = browserAndServer();

test('[L26] Rate on this screen: two members rate in turn on the lead’s tablet; the console is locked until the password', async () => {
  const lead = await openScreen(env.browser, env.server, { account: DANA });
  const co = await openScreen(env.browser, env.server, { account: ALEX });
  const sessionId = await startLiveSession(env.server, lead, co);
  await ui(lead.page).button('Go to Feedback').click();
  await ui(lead.page).button('Collect ratings').click();
  const panel = lead.page.getByRole('dialog', { name: 'Members rate the session' });
  await panel.getByRole('button', { name: 'Rate on this screen', exact: true }).click();
  // It asks first: the console will lock.
  const confirm = lead.page.getByRole('dialog', { name: 'Rate on this screen?' });
  await confirm.getByText('you will need your password').waitFor();
  await confirm.getByRole('button', { name: 'Rate on this screen', exact: true }).click();
  await lead.page.waitForURL(/\/r\/[\w.-]+\?screen=1$/);

  // Two members, one after the other, on the one device.
  await rate(lead.page, 'Sam', '8');
  await lead.page.getByRole('heading', { name: 'Thank you — your rating is in.' }).waitFor();
  await lead.page.getByRole('link', { name: 'Next person' }).click();
  await rate(lead.page, 'Jo', '6');
  await lead.page.getByRole('heading', { name: 'Thank you — your rating is in.' }).waitFor();
  await co.page.getByText('2 of 4 rated', { exact: true }).first().waitFor();

  // Leaving the form meets the lock, wherever it goes: the console, the API.
  await lead.page.getByRole('link', { name: 'Done' }).click();
  await lead.page.getByRole('heading', { name: 'Screen locked' }).waitFor();
  await lead.page.goto(`/#/sessions/${sessionId}`);
  await lead.page.getByRole('heading', { name: 'Screen locked' }).waitFor();
  expect(await ui(lead.page).currentPhase.count()).toBe(0);
  const api = await lead.context.request.get(`/api/sessions/${sessionId}`);
  expect(api.status()).toBe(423);

  // The lead's password brings the console back, as it was.
  await lead.page.getByLabel('Password').fill(PASSWORD);
  await ui(lead.page).button('Unlock').click();
  await eventually(() => ui(lead.page).currentPhase.textContent()).toBe('Feedback');
  await lead.page.getByText('2 of 4 rated', { exact: true }).first().waitFor();
  expect([...lead.errors, ...co.errors]).toEqual([]);
  await Promise.all([lead.context.close(), co.context.close()]);
});
