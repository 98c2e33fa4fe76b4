import { expect } from 'vitest';
import { ALEX, bothScreens, eventually, memberAction, press, pressKey, ui, type Screen } from './holdspace.js';

/**
 * The two-screen story (BRIEF §1, issue 3): from the lobby of a session of the Tuesday group (Sam,
 * Priya, Jo and Lee), the lead (Dana) and the co-facilitator (Alex) run it to its end, pressing on
 * either screen, and after every step both screens show the same thing. Run on every pair of
 * devices (two-screens.test.ts) and over HTTPS on a LAN name (https-lan.test.ts).
 */
export async function runTheStory(lead: Screen, co: Screen): Promise<void> {
  const { onBoth, phaseIs, speakerIs, queueIs } = bothScreens(() => [lead, co]);
  await onBoth((page) => eventually(() => ui(page).status.textContent()).toBe('Connected'));

  // Lobby: attendance marked on either screen shows on both.
  await lead.page.getByRole('checkbox', { name: 'Present: Sam' }).check();
  await lead.page.getByRole('checkbox', { name: 'Present: Priya' }).check();
  await co.page.getByRole('checkbox', { name: 'Present: Jo' }).check();
  await co.page.getByRole('checkbox', { name: 'Present: Lee' }).check();
  await onBoth((page) => page.getByText('4 of 4 here').waitFor());
  await ui(lead.page).button('Start session').click();
  await phaseIs('Introduction');

  await ui(co.page).button('Agreements reviewed').click();
  await onBoth((page) => page.getByText('Agreements reviewed', { exact: true }).waitFor());
  await press(co.page, 'Next phase');
  await phaseIs('Sharing');

  // Go-round: Sam, then Priya passes, Jo, Lee, and the round comes back to Priya.
  await ui(lead.page).button('Start go-round').click();
  await speakerIs('Sam');
  await press(lead.page, 'Next speaker');
  await speakerIs('Priya');
  await press(co.page, 'Pass');
  await speakerIs('Jo');
  await onBoth((page) => page.getByText('Come back to: Priya').waitFor());
  await pressKey(lead.page, 'Space'); // the shortcut for Next speaker
  await speakerIs('Lee');
  await press(co.page, 'Next speaker');
  await speakerIs('Priya');
  await onBoth((page) => page.getByText('Coming back to those who passed').waitFor());
  await press(lead.page, 'Next speaker');
  await speakerIs('Nobody has the floor');
  await onBoth(async (page) => expect(await ui(page).button('Start go-round').isEnabled()).toBe(true));

  // Facilitation with a queue of two: Jo asked first (on the co's screen), then Sam.
  await pressKey(lead.page, 'n');
  await phaseIs('Facilitation');
  await memberAction(co.page, 'Jo', 'Add to queue');
  await memberAction(lead.page, 'Sam', 'Add to queue');
  await queueIs(['Jo', 'Sam']);
  await ui(lead.page).button('Move Sam up').click();
  await queueIs(['Sam', 'Jo']);
  await press(co.page, 'Next speaker');
  await speakerIs('Sam');
  await queueIs(['Jo']);
  await ui(lead.page).button('Pause turn').click();
  await onBoth((page) => ui(page).button('Resume turn').waitFor());
  await ui(co.page).button('Resume turn').click();
  await onBoth((page) => ui(page).button('Pause turn').waitFor());
  await press(lead.page, 'Next speaker');
  await speakerIs('Jo');
  await queueIs([]);
  await press(co.page, 'End turn');
  await speakerIs('Nobody has the floor');

  // Pause and resume the whole session; the timers stand still while paused.
  await ui(co.page).button('Pause session').click();
  await onBoth((page) => ui(page).button('Resume session').waitFor());
  await onBoth((page) => page.getByText('Session paused', { exact: true }).waitFor());
  const frozen = await ui(lead.page).timer('Phase time').textContent();
  // Time passing is what is tested here: wait until the page's own clock has crossed two whole
  // seconds, so the screen's ticker (once a second) has drawn the paused timers at least once more.
  const twoSecondsOn = await lead.page.evaluate(() => (Math.floor(Date.now() / 1000) + 2) * 1000 + 50);
  await lead.page.waitForFunction((until) => Date.now() >= until, twoSecondsOn);
  expect(await ui(lead.page).timer('Phase time').textContent()).toBe(frozen);
  expect(await ui(co.page).timer('Phase time').textContent()).toBe(frozen);
  await lead.page.keyboard.press('p');
  await onBoth((page) => ui(page).button('Pause session').waitFor());

  // Jump back a phase.
  await ui(lead.page).button('Go to Sharing').click();
  await phaseIs('Sharing');

  // A flag raised on the co's screen shows (behind a tap) on the lead's.
  await memberAction(co.page, 'Lee', 'Flag concern');
  await co.page.getByRole('radio', { name: 'Distress' }).check();
  await co.page.getByLabel('Details (optional)').fill('Tearful when talking about work');
  await ui(co.page).button('Save flag').click();
  await onBoth((page) => page.getByRole('button', { name: 'Flags and notes 1' }).waitFor());
  await ui(lead.page).button('Flags and notes 1').click();
  const flags = lead.page.getByRole('list', { name: 'Flags' });
  await eventually(() => flags.textContent()).toContain('Distress · Lee: Tearful when talking about work');
  expect(await flags.textContent()).toContain(ALEX.name);
  await ui(lead.page).button('Close').click();

  // A signal from the lead is acknowledged with a tap on the co's screen.
  await ui(lead.page).button('Send signal').click();
  await ui(lead.page).button('Wrap up').click();
  const banner = co.page.getByRole('region', { name: 'Signals' });
  await eventually(() => banner.textContent()).toContain('Dana: Wrap up');
  await lead.page.getByText('You signalled “Wrap up”: not seen yet').waitFor();
  await banner.getByRole('button', { name: 'Acknowledge' }).click();
  await lead.page.getByText('You signalled “Wrap up”: seen').waitFor();
  await eventually(() => banner.getByRole('button', { name: 'Acknowledge' }).count()).toBe(0);

  // End, with its confirmation; both screens leave the console.
  await ui(lead.page).button('End session').click();
  await lead.page.getByRole('dialog', { name: 'End the session?' }).getByRole('button', { name: 'End session' }).click();
  await onBoth((page) => page.getByRole('heading', { name: 'Session ended' }).waitFor());
}
