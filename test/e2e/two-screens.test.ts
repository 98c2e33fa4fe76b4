import { expect, test } from 'vitest';
import {
  browserAndServer,
  ALEX,
  createGroup,
  createSession,
  DANA,
  eventually,
  openScreen,
  startLiveSession,
  ui,
  type Screen,
  bothScreens,
  DEVICES,
  press,
  type Device,
} from './support/holdspace.js';
import { runTheStory } from './support/story.js';

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

const { onBoth } = bothScreens(() => [lead, co]);

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
  await lead.page
    .getByRole('listitem')
    .filter({ hasText: 'In the lobby' })
    .getByRole('link', { name: /^Session, / })
    .click();
  await co.page.goto('/');
  // Sessions of the pairs before this one have ended: the one in the lobby is this test's.
  await co.page
    .getByRole('listitem')
    .filter({ hasText: 'In the lobby' })
    .getByRole('link', { name: /^Tuesday anxiety group, / })
    .click();
  await onBoth((page) => eventually(() => ui(page).status.textContent()).toBe('Connected'));

  await runTheStory(lead, co);

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
