import { expect, test } from 'vitest';
import {
  ALEX,
  browserAndServer,
  createGroup,
  createSession,
  DANA,
  eventually,
  FOUR_MEMBERS,
  goLive,
  openScreen,
  ui,
} from './support/holdspace.js';

/** Issue 16 item 10: Skill development has something to run, and the tablet can be turned to the room. */
const env = browserAndServer();

test('[P48][L9] the lead starts box breathing from the plan; Show to group shows only the phase and the exercise, nothing private, and one tap goes back', async () => {
  const lead = await openScreen(env.browser, env.server, { account: DANA });
  const co = await openScreen(env.browser, env.server, { account: ALEX });
  const group = await createGroup(lead, env.server);
  const session = await createSession(lead, group.id, {
    plan: { skill: 'Box breathing', exercise: { kind: 'paced', seconds: 240, pattern: [4, 4, 4, 4] } },
  });
  await goLive(lead, co, session.id);

  // A note about Sam, so there is something private on the lead's screen.
  await ui(lead.page).button('Add note').click();
  await lead.page.getByRole('textbox', { name: 'Note' }).fill('Sam seemed withdrawn tonight');
  await ui(lead.page).button('Save note').click();
  await eventually(() => ui(lead.page).dialog.count()).toBe(0);

  await ui(lead.page).button('Go to Skill development').click();
  await eventually(() => ui(co.page).currentPhase.textContent()).toBe('Skill development');
  await ui(lead.page).button('Start exercise').click();
  // Both screens run the same breathing cycle from the server's time.
  for (const page of [lead.page, co.page]) {
    await eventually(() => page.getByRole('timer', { name: 'Exercise time' }).textContent()).toMatch(/Breathe in|Hold|Breathe out/);
  }

  await ui(lead.page).button('Show to group').click();
  const back = ui(lead.page).button('Back to console');
  await back.waitFor();
  const shown = await lead.page.locator('body').innerText();
  expect(shown).toContain('Skill development');
  expect(shown).toContain('Paced breathing 4-4-4-4, 4 min');
  expect(shown).toMatch(/Breathe in|Hold|Breathe out/);
  // Nothing private: no member's name, no note, no flag or signal control, no timer of a person.
  for (const name of FOUR_MEMBERS) expect(shown).not.toContain(name);
  for (const word of ['withdrawn', 'Flag', 'note', 'Signal', 'Tuesday anxiety group', 'Dana']) expect(shown).not.toContain(word);
  expect(await lead.page.getByRole('button').count()).toBe(1); // only the way back
  // The co-facilitator's screen is unchanged.
  await ui(co.page).button('Show to group').waitFor();

  await back.click();
  await ui(lead.page).button('Stop exercise').waitFor();
  await ui(lead.page).tile('Sam').waitFor();
  expect(lead.errors).toEqual([]);
  expect(co.errors).toEqual([]);
  await Promise.all([lead.context.close(), co.context.close()]);
});
