import { expect, test } from 'vitest';
import { ALEX, bothScreens, browserAndServer, DANA, eventually, openScreen, press, startLiveSession, ui } from './support/holdspace.js';

/** Issue 16 §8 and §9 in two browser contexts, the lead's and the co-facilitator's, by accessible names. */
const env = browserAndServer();

test('[P49][L18] a Check on member naming the member, with words, reaches the lead; the co reads "seen", then the line clears; [P51][L19][R20] the floor given to the co-facilitator shows in the review as facilitator against member time', async () => {
  const lead = await openScreen(env.browser, env.server, { account: DANA });
  const co = await openScreen(env.browser, env.server, { account: ALEX });
  await startLiveSession(env.server, lead, co);
  const both = bothScreens(() => [lead, co]);

  // The co's signal: Check on member waits for its member, then goes with the words.
  await ui(co.page).button('Send signal').click();
  const sheet = co.page.getByRole('dialog', { name: 'Signal the other facilitator' });
  const check = sheet.getByRole('button', { name: 'Check on member', exact: true });
  expect(await check.isDisabled()).toBe(true);
  await sheet.getByRole('combobox', { name: 'About' }).selectOption({ label: 'Priya' });
  await sheet.getByRole('textbox', { name: 'A few words (optional)' }).fill('She went quiet after the check-in');
  await check.click();

  const banner = lead.page.getByRole('region', { name: 'Signals' });
  await eventually(() => banner.textContent()).toContain('Alex: Check on member: Priya');
  expect(await banner.textContent()).toContain('“She went quiet after the check-in”');
  const sent = co.page.getByRole('region', { name: 'Signals' });
  await eventually(() => sent.textContent()).toBe('You signalled “Check on member: Priya”: not seen yet');
  await banner.getByRole('button', { name: 'Acknowledge' }).click();
  await eventually(() => sent.textContent()).toBe('You signalled “Check on member: Priya”: seen');
  // Eight seconds after it was seen, the line clears.
  await expect.poll(() => sent.textContent(), { timeout: 15_000, interval: 200 }).toBe('');

  // The lead gives the floor to the co-facilitator from the circle's centre, by name; it reads on both screens.
  const ownTime = lead.page.getByRole('group', { name: "Facilitators' own time" });
  await ownTime.getByRole('button', { name: 'Give the floor to Alex Kim', exact: true }).click();
  await both.speakerIs('Alex Kim');
  await ui(lead.page).button('Undo').waitFor();
  await lead.page.waitForTimeout(2_000);
  // Sam is queued with a tap and takes the floor from Alex with Next speaker; then his turn ends.
  await ui(lead.page).tile('Sam').click();
  await both.queueIs(['Sam']);
  await press(co.page, 'Next speaker');
  await both.speakerIs('Sam');
  await lead.page.waitForTimeout(3_000);
  await press(lead.page, 'End turn');
  await both.speakerIs('Nobody has the floor');

  await ui(lead.page).button('End session').click();
  await lead.page.getByRole('dialog', { name: 'End the session?' }).getByRole('button', { name: 'End session' }).click();
  await lead.page.getByRole('heading', { name: 'Session ended' }).waitFor();
  await lead.page.getByRole('link', { name: 'Review', exact: true }).click();
  await lead.page.getByRole('heading', { name: 'Session review', level: 1 }).waitFor();

  const talk = lead.page.getByRole('region', { name: 'Talk time' });
  await eventually(() => talk.textContent()).toMatch(/Facilitators \d+ % · Members \d+ % of the time on the floor/);
  const shares = /Facilitators (\d+) % · Members (\d+) %/.exec((await talk.textContent()) ?? '')!;
  expect(Number(shares[1]) + Number(shares[2])).toBe(100);
  expect(Number(shares[1])).toBeGreaterThan(0);
  expect(Number(shares[2])).toBeGreaterThan(0);
  const own = talk.getByRole('list', { name: "Facilitators' own time" });
  expect(await own.getByRole('listitem').allTextContents()).toEqual([
    expect.stringMatching(/^Dana Lee: 0 s in 0 turns \(0 %\)$/),
    expect.stringMatching(/^Alex Kim: [1-9] s in 1 turn \(\d+ %\)$/),
  ]);
  // No facilitator among the members' rows.
  expect(await talk.getByRole('table').textContent()).not.toContain('Alex Kim');
});
