import { expect, test } from 'vitest';
import {
  ALEX,
  bothScreens,
  browserAndServer,
  DANA,
  eventually,
  openScreen,
  startLiveSession,
  ui,
  type Screen,
  press,
} from './support/holdspace.js';

/** Issue 16 item 4: one tap on a member's tile acts, with Undo; the full menu stays one tap away. */
const env = browserAndServer();

/** The phase log as the review reads it (types only: names never leave the page here). */
const logTypes = (screen: Screen, sessionId: string) =>
  screen.page.evaluate(async (id) => {
    const response = await fetch(`/api/sessions/${id}/log`, { credentials: 'same-origin' });
    const body = (await response.json()) as { entries: { event: { type: string } }[] };
    return body.entries.map((e) => e.event.type);
  }, sessionId);

test('[P46][L8] one tap gives the floor or queues, Undo (and U) reverses it without a turn in the record; Actions for NAME and a long press open the menu', async () => {
  const lead = await openScreen(env.browser, env.server, { account: DANA });
  const co = await openScreen(env.browser, env.server, { account: ALEX });
  const sessionId = await startLiveSession(env.server, lead, co);
  const both = bothScreens(() => [lead, co]);
  await press(lead.page, 'Next phase');
  await both.phaseIs('Sharing');
  const undo = ui(lead.page).button('Undo');

  // Nobody has the floor: one tap on Sam gives it to him, on both screens; Undo takes it back.
  await ui(lead.page).tile('Sam').click();
  await both.speakerIs('Sam');
  expect(await ui(co.page).button('Undo').count()).toBe(0); // only the screen that tapped offers it
  await undo.click();
  await both.speakerIs('Nobody has the floor');
  expect((await logTypes(lead, sessionId)).slice(-2)).toEqual(['floor.give', 'floor.undo']);

  // Sam speaks; a tap on Jo queues her, and the U key undoes that.
  await ui(lead.page).tile('Sam').click();
  await both.speakerIs('Sam');
  await ui(lead.page).tile('Jo').click();
  await both.queueIs(['Jo']);
  await undo.waitFor();
  await lead.page.keyboard.press('u');
  await both.queueIs([]);

  // A tap on a queued member takes them off; Undo puts them back in their place.
  await ui(lead.page).tile('Priya').click();
  await ui(lead.page).tile('Lee').click();
  await both.queueIs(['Priya', 'Lee']);
  await ui(lead.page).tile('Priya').click();
  await both.queueIs(['Lee']);
  await undo.click();
  await both.queueIs(['Priya', 'Lee']);

  // The Undo goes after five seconds.
  await ui(lead.page).tile('Jo').click();
  await both.queueIs(['Priya', 'Lee', 'Jo']);
  await undo.waitFor();
  await eventually(() => undo.count()).toBe(0);

  // Actions for NAME opens the full menu; so does a long press on the tile.
  await lead.page.getByRole('button', { name: 'Actions for Jo', exact: true }).click();
  const menu = lead.page.getByRole('dialog', { name: 'Jo' });
  for (const action of ['Give the floor', 'Remove from queue', 'Stepped out', 'Flag concern']) {
    await menu.getByRole('button', { name: action, exact: true }).waitFor();
  }
  await lead.page.keyboard.press('Escape');
  await eventually(() => menu.count()).toBe(0);
  const box = (await ui(lead.page).tile('Lee').boundingBox())!;
  await lead.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await lead.page.mouse.down();
  await lead.page.getByRole('dialog', { name: 'Lee' }).waitFor();
  await lead.page.mouse.up();
  await lead.page.keyboard.press('Escape');
  // The long press did not act as well: the queue is as it was.
  await both.queueIs(['Priya', 'Lee', 'Jo']);

  expect(lead.errors).toEqual([]);
  expect(co.errors).toEqual([]);
  await Promise.all([lead.context.close(), co.context.close()]);
});
