import { expect, test } from 'vitest';
import {
  ALEX,
  bothScreens,
  browserAndServer,
  DANA,
  eventually,
  memberAction,
  openScreen,
  press,
  startLiveSession,
  ui,
} from './support/holdspace.js';

/** Issue 16 item 7 in two browsers: a finger already on Next speaker when the screen changes under it. */
const env = browserAndServer();

test('[P45] Dana’s finger is on Next speaker when Alex’s press lands: it acts once and reads "Already advanced by Alex Kim"; a press after a look acts', async () => {
  const lead = await openScreen(env.browser, env.server, { account: DANA });
  const co = await openScreen(env.browser, env.server, { account: ALEX });
  await startLiveSession(env.server, lead, co);
  const { speakerIs, queueIs } = bothScreens(() => [lead, co]);
  await press(lead.page, 'Next phase');
  await memberAction(lead.page, 'Sam', 'Add to queue');
  await memberAction(lead.page, 'Jo', 'Add to queue');
  await memberAction(lead.page, 'Lee', 'Add to queue');
  await queueIs(['Sam', 'Jo', 'Lee']);

  // Dana's finger goes down on Next speaker; Alex's press lands before she lifts it.
  const box = (await ui(lead.page).button('Next speaker').boundingBox())!;
  await lead.page.waitForTimeout(400); // Dana has been looking at the queue
  await lead.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await lead.page.mouse.down();
  await ui(co.page).button('Next speaker').click();
  await speakerIs('Sam');
  await lead.page.mouse.up();
  // Her press was meant for the screen before Alex's: it is refused, calmly; Jo keeps her turn.
  await eventually(() => lead.page.locator('.notice').textContent()).toBe('Already advanced by Alex Kim.');
  await queueIs(['Jo', 'Lee']);
  await speakerIs('Sam');

  // Having seen Sam speak, a press acts.
  await press(lead.page, 'Next speaker');
  await speakerIs('Jo');
  await queueIs(['Lee']);

  expect(lead.errors).toEqual([]);
  expect(co.errors).toEqual([]);
  await Promise.all([lead.context.close(), co.context.close()]);
});
