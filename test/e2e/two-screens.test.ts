import { expect, test } from 'vitest';
import {
  browserAndServer,
  ALEX,
  createGroup,
  createSession,
  DANA,
  eventually,
  memberAction,
  openScreen,
  startLiveSession,
  ui,
  type Screen,
  bothScreens,
  DEVICES,
  press,
  pressKey,
  type Device,
} from './support/holdspace.js';

/**
 * The lead (Dana) and the co-facilitator (Alex) run one whole session from two browser
 * contexts. After every step both screens must show the same thing.
 */
const env = browserAndServer();
let lead: Screen;
let co: Screen;

/**
 * The devices the two carry (issue 15, docs/console.md): tablets on their side as before; the
 * co-facilitator's phone with the lead's upright tablet; a tablet beside a laptop.
 */
const PAIRS: [string, Device | undefined, Device | undefined][] = [
  ['two tablets on their side', undefined, undefined],
  ['the lead on an upright tablet, the co-facilitator on a phone', DEVICES.tabletUpright, DEVICES.phone],
  ['the lead on a tablet on its side, the co-facilitator on a laptop', DEVICES.tablet, DEVICES.laptop],
];

const { onBoth, phaseIs, speakerIs, queueIs } = bothScreens(() => [lead, co]);

/** Between a screen and the server: each broadcast change to the screen is lost while `lose()` says so. */
async function lossyLink(screen: Screen, lose: () => boolean) {
  let upgraded = false;
  let dropped = 0;
  await screen.context.routeWebSocket(/\/socket\.io\//, (ws) => {
    const toServer = ws.connectToServer();
    ws.onMessage((message) => {
      if (message === '5') upgraded = true; // Engine.IO's upgrade: from now on everything flows here
      toServer.send(message);
    });
    toServer.onMessage((message) => {
      if (typeof message === 'string' && message.startsWith('42["session:patch"') && lose()) return void dropped++;
      ws.send(message);
    });
  });
  return { upgraded: () => upgraded, dropped: () => dropped };
}

test.each(PAIRS)('[L10] two facilitators run a whole session, and both screens agree at every step: %s', async (_pair, leads, cos) => {
  [lead, co] = await Promise.all([
    openScreen(env.browser, env.server, { account: DANA, device: leads }),
    openScreen(env.browser, env.server, { account: ALEX, device: cos }),
  ]);
  const group = await createGroup(lead, env.server);
  const session = await createSession(lead, group.id, { plan: { skill: 'Box breathing' } });

  // The lead opens the session from the group; the co-facilitator finds it under Sessions.
  await lead.page.goto(`/#/groups/${group.id}`);
  await lead.page.getByRole('link', { name: /Lobby session/ }).click();
  await co.page.goto('/');
  await co.page.getByRole('link', { name: /Tuesday anxiety group: Lobby session/ }).click();
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

  const { update } = (await (await lead.context.request.get(`/api/sessions/${session.id}`)).json()) as {
    update: { state: { status: string } };
  };
  expect(update.state.status).toBe('ended');
  expect(lead.errors).toEqual([]);
  expect(co.errors).toEqual([]);
  await Promise.all([lead.context.close(), co.context.close()]);
});

test('a press that lost a race shows "Already advanced by Dana Lee" and the state that won, never an error', async () => {
  const [dana, alex] = await Promise.all([
    openScreen(env.browser, env.server, { account: DANA }),
    openScreen(env.browser, env.server, { account: ALEX }),
  ]);
  // While `holding`, state broadcasts to the co are lost, so the co presses on a screen one
  // version behind.
  let holding = false;
  const link = await lossyLink(alex, () => holding);
  await startLiveSession(env.server, dana, alex);
  await eventually(link.upgraded).toBe(true);

  holding = true;
  await press(dana.page, 'Next phase');
  await eventually(() => ui(dana.page).currentPhase.textContent()).toBe('Sharing');
  expect(await ui(alex.page).currentPhase.textContent()).toBe('Introduction');
  await press(alex.page, 'Next phase');

  await alex.page.getByText('Already advanced by Dana Lee.').waitFor();
  await eventually(() => ui(alex.page).currentPhase.textContent()).toBe('Sharing');
  expect(await alex.page.getByRole('alertdialog').count()).toBe(0);
  holding = false;
  // Advanced once, not twice, on both screens: a later change (a pause) reaches both, and any
  // second advance would have come before it (one session's changes arrive in version order).
  await ui(dana.page).button('Pause session').click();
  await Promise.all([dana, alex].map(({ page }) => ui(page).button('Resume session').waitFor()));
  expect(await ui(dana.page).currentPhase.textContent()).toBe('Sharing');
  expect(await ui(alex.page).currentPhase.textContent()).toBe('Sharing');
  expect(dana.errors).toEqual([]);
  expect(alex.errors).toEqual([]);
  await Promise.all([dana.context.close(), alex.context.close()]);
});

test('a screen that missed a change catches up by itself at the next one', async () => {
  const [dana, alex] = await Promise.all([
    openScreen(env.browser, env.server, { account: DANA }),
    openScreen(env.browser, env.server, { account: ALEX }),
  ]);
  let toLose = 0;
  const link = await lossyLink(alex, () => toLose-- > 0);
  await startLiveSession(env.server, dana, alex);
  await eventually(link.upgraded).toBe(true);

  toLose = 1;
  await press(dana.page, 'Next phase');
  await eventually(() => ui(dana.page).currentPhase.textContent()).toBe('Sharing');
  // The change reached the co's link and was dropped there: its screen cannot have it.
  await eventually(link.dropped).toBe(1);
  expect(await ui(alex.page).currentPhase.textContent()).toBe('Introduction');

  // The next change was made from the version the co's screen missed: it joins again and shows
  // the whole current state, with no press of its own.
  await press(dana.page, 'Next phase');
  await eventually(() => ui(alex.page).currentPhase.textContent()).toBe('Facilitation');
  expect(await ui(alex.page).currentPhase.textContent()).toBe(await ui(dana.page).currentPhase.textContent());
  expect(dana.errors).toEqual([]);
  expect(alex.errors).toEqual([]);
  await Promise.all([dana.context.close(), alex.context.close()]);
});
