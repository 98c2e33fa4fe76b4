import zlib from 'node:zlib';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { launchBrowser } from '../e2e/support/browser.js';
import { formPage } from '../../server/http/rating-pages/views.js';
import { instant } from '../../shared/time.js';
import { capturedLogger } from '../privacy/support.js';
import { member, openRatingLink, ratingBody, type OpenLink } from '../support/rating-pages.js';

/**
 * The members' pages over real HTTP against a real server (docs/ratings.md S54, S55; privacy.md
 * D34): the code, the form, the thanks, a replacement, kiosk mode, and a real phone-sized Chromium.
 */
let open: OpenLink;
afterEach(() => open?.fx.close());

const base = () => open.fx.server.url;
const ratings = () => open.fx.server.app.store.ratings.forSession(open.fx.sessionId);
const attr = (value: string) => value.replace(/&/g, '&#38;');

describe('a member rates on their phone', () => {
  it('[S54] [S55] the code leads to the form of the members present; a submit is thanked, and a second one replaces it', async () => {
    open = await openRatingLink();
    const codePage = await member(base(), '/r');
    expect(codePage.status).toBe(200);
    expect(codePage.html).toContain('Type the code shown on your facilitator’s screen.');

    // Typed in lower case with a dash: the code all the same, sent on to the form.
    const typed = `${open.link.code.slice(0, 3).toLowerCase()}-${open.link.code.slice(3)}`;
    const sent = await member(base(), '/r', new URLSearchParams({ code: typed }));
    expect(sent.status).toBe(303);
    expect(sent.headers.get('location')).toBe(`/r/${open.token}`);

    const form = await member(base(), `/r/${open.token}`);
    expect(form.status).toBe(200);
    const names = [...form.html.matchAll(/name="member" value="([^"]+)"[^>]*><span>([^<]+)</g)].map((m) => m[2]);
    expect(names).toEqual(['Sam', 'Ana', 'Kit']);
    for (const label of ['I felt part of the group today', 'We worked on what mattered to me', 'The way we worked suited me'])
      expect(form.html).toContain(`>${label}</legend>`);
    expect(form.html.match(/name="score-overall" value="\d+"/g)).toHaveLength(11);
    expect(form.html).toContain(`action="/r/${attr(open.token)}"`);
    expect(form.html).toMatch(/<button type="submit">Submit rating<\/button>/);

    const ana = open.fx.member.Ana!;
    const first = await member(base(), `/r/${open.token}`, ratingBody(ana, { overall: '9' }, '  Felt heard today '));
    expect(first.status).toBe(200);
    expect(first.html).toContain('Thank you — your rating is in.');
    expect(first.html).not.toContain('It replaces');
    expect(first.html).toContain('You can close this page.');
    expect(await ratings()).toMatchObject([
      {
        memberId: ana,
        scores: { belonging: 7, mattered: 7, approach: 7, overall: 9 },
        comment: 'Felt heard today',
        via: 'phone',
        submissions: 1,
      },
    ]);

    open.clock.advance(60_000);
    const second = await member(base(), `/r/${open.token}`, ratingBody(ana, { overall: '4' }));
    expect(second.status).toBe(200);
    expect(second.html).toContain('Thank you — your rating is in.');
    expect(second.html).toContain('It replaces the rating you sent before.');
    expect(await ratings()).toMatchObject([{ memberId: ana, scores: { overall: 4 }, comment: '', submissions: 2 }]);
    expect((await open.fx.lead.api.get(`/api/sessions/${open.fx.sessionId}/ratings`)).body.status.rated).toBe(1);
    // Audited as the desk records it, without the phone's address (privacy.md D20, D33).
    const audited = await open.fx.server.app.store.audit.list(instant(0), instant(Number.MAX_SAFE_INTEGER), 1000);
    expect(audited.filter((e) => e.action.startsWith('rating.')).map((e) => [e.action, e.subjectId, e.address])).toEqual([
      ['rating.submit', ana, null],
      ['rating.replace', ana, null],
    ]);
  });

  it('[S54] a form that fails comes back with what to fix, every choice kept, and nothing saved', async () => {
    open = await openRatingLink();
    const kit = open.fx.member.Kit!;
    const answer = await member(base(), `/r/${open.token}`, ratingBody(kit, { belonging: '3', approach: undefined }, 'so-so'));
    expect(answer.status).toBe(400);
    expect(answer.html).toContain('Please check the form:');
    expect(answer.html).toContain('Choose a number for “The way we worked suited me”.');
    expect(answer.html).toMatch(new RegExp(`value="${kit}" required checked`));
    expect(answer.html).toMatch(/name="score-belonging" value="3" required checked/);
    expect(answer.html).not.toMatch(/name="score-approach" value="\d+" required checked/);
    expect(answer.html).toContain('value="so-so"');

    const nobody = await member(base(), `/r/${open.token}`, ratingBody(open.fx.member.Jo!));
    expect(nobody.status).toBe(400);
    expect(nobody.html).toContain('Choose your name.');
    const tooLong = await member(base(), `/r/${open.token}`, ratingBody(kit, {}, 'x'.repeat(201)));
    expect(tooLong.html).toContain('The comment is at most 200 characters.');
    expect(await ratings()).toEqual([]);
  });

  it('[S55] kiosk mode keeps ?screen=1 through the post, saves the rating as made on a screen, and offers Next person and Done', async () => {
    open = await openRatingLink();
    const form = await member(base(), `/r/${open.token}?screen=1`);
    expect(form.html).toContain(`action="/r/${attr(open.token)}?screen=1"`);
    const thanks = await member(base(), `/r/${open.token}?screen=1`, ratingBody(open.fx.member.Sam!));
    expect(thanks.html).toContain('Thank you — your rating is in.');
    expect(thanks.html).toContain(`<a class="button" href="/r/${attr(open.token)}?screen=1">Next person</a>`);
    expect(thanks.html).toContain('<a class="button quiet" href="/">Done</a>');
    expect(thanks.html).not.toContain('You can close this page.');
    const next = await member(base(), `/r/${open.token}?screen=1`, ratingBody(open.fx.member.Kit!));
    expect(next.html).not.toContain('It replaces');
    expect((await ratings()).map((r) => r.via)).toEqual(['screen', 'screen']);

    // Stopped from the other facilitator's screen: the kiosk says so calmly, and still has the way back.
    expect((await open.fx.co.api.post(`/api/sessions/${open.fx.sessionId}/ratings/stop`, undefined)).status).toBe(200);
    const closed = await member(base(), `/r/${open.token}?screen=1`);
    expect(closed.status).toBe(404);
    expect(closed.html).toContain('This rating link is not open.');
    expect(closed.html).toContain('<a class="button quiet" href="/">Done</a>');
    expect((await member(base(), `/r/${open.token}`)).html).not.toContain('Done');
  });
});

describe('what a member is shown', () => {
  it('[D34] only the present members’ names and the items: no group, no session, no absent member, no one’s rating, nothing logged', async () => {
    const { logger, text } = capturedLogger();
    open = await openRatingLink({ logger });
    const pages = [await member(base(), '/r'), await member(base(), `/r/${open.token}`)];
    const comment = 'Quillonetta comment';
    pages.push(await member(base(), `/r/${open.token}`, ratingBody(open.fx.member.Ana!, { overall: '2' }, comment)));
    pages.push(await member(base(), `/r/${open.token}`));
    for (const page of pages) {
      for (const secret of ['Tuesday anxiety group', 'Jo', open.fx.sessionId, open.fx.groupId, 'Dana Lee', 'Robin Park'])
        expect(page.html).not.toContain(secret);
      expect(page.html).toContain('<title>');
      expect(page.html).not.toMatch(/ checked/);
    }
    // The thank-you page repeats none of what was sent.
    expect(pages[2]!.html).not.toContain(comment);
    expect(pages[2]!.html).not.toContain('Ana');
    expect(text()).not.toContain(comment);
    expect(text()).not.toContain('Ana');
  });
});

describe('the form page’s weight', () => {
  it('[S54] is well under 30 KB gzipped, also for sixteen members of 40 characters and six items of 80', async () => {
    open = await openRatingLink();
    const form = await member(base(), `/r/${open.token}`);
    const gzipped = zlib.gzipSync(form.html).length;
    // The longest form a group can have, drawn by the same function the route uses.
    const longest = formPage(
      {
        sessionId: open.fx.sessionId,
        items: Array.from({ length: 6 }, (_, i) => ({ id: `item-${i}`, label: `${i} ${'statement '.repeat(8)}`.slice(0, 80) })),
        members: Array.from({ length: 16 }, (_, i) => ({
          id: `member-${i}-${'x'.repeat(30)}`,
          name: `${i} ${'Name '.repeat(8)}`.slice(0, 40),
        })),
      },
      { token: open.token, screen: true },
    );
    const longestGzipped = zlib.gzipSync(longest).length;
    console.log(
      `rating form: ${form.html.length} B (${gzipped} B gzipped); longest possible: ${longest.length} B (${longestGzipped} B gzipped)`,
    );
    expect(gzipped).toBeLessThan(30 * 1024);
    expect(longestGzipped).toBeLessThan(30 * 1024);
  });
});

describe('on a phone', () => {
  it('[S52] [S54] a 390×844 Chromium types the code, rates one-handed and is thanked; nothing is wider than the screen', async () => {
    open = await openRatingLink();
    const browser = await launchBrowser();
    try {
      // A phone set to dark: the page follows it.
      const context = await browser.newContext({
        viewport: { width: 390, height: 844 },
        isMobile: true,
        hasTouch: true,
        colorScheme: 'dark',
      });
      const page = await context.newPage();
      const blocked: string[] = [];
      page.on('console', (m) => {
        if (/Content Security Policy/i.test(m.text())) blocked.push(m.text());
      });
      await page.goto(open.link.codeUrl);
      await page.getByLabel('Code').fill(open.link.code.toLowerCase());
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByRole('radio', { name: 'Kit' }).check();
      const items = ['I felt part of the group today', 'We worked on what mattered to me', 'The way we worked suited me'];
      for (const [i, item] of [...items, "Overall, today's group was right for me"].entries())
        await page
          .getByRole('radiogroup', { name: item })
          .getByRole('radio', { name: String(i + 6) })
          .tap();
      expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(22, 22, 26)');
      const sizes = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        targets: [...document.querySelectorAll('.names label, .scale label, button')]
          .map((el) => el.getBoundingClientRect())
          .map((r) => [r.right, r.height]),
      }));
      expect(sizes.scrollWidth).toBe(390);
      for (const [right, height] of sizes.targets) {
        expect(right).toBeLessThanOrEqual(390);
        expect(height).toBeGreaterThanOrEqual(44);
      }
      await page.getByRole('button', { name: 'Submit rating' }).tap();
      await page.getByRole('heading', { name: 'Thank you — your rating is in.' }).waitFor();
      expect(await context.cookies()).toEqual([]);
      expect(blocked).toEqual([]);
      expect(await ratings()).toMatchObject([
        { memberId: open.fx.member.Kit, scores: { belonging: 6, mattered: 7, approach: 8, overall: 9 } },
      ]);
    } finally {
      await browser.close();
    }
  });
});

describe('kiosk mode on one screen', () => {
  it('[D34] [S55] the next person going Back finds an empty form, not the last person’s choices', async () => {
    open = await openRatingLink();
    const browser = await launchBrowser();
    try {
      const page = await (await browser.newContext({ viewport: { width: 820, height: 1180 }, hasTouch: true })).newPage();
      await page.goto(`${open.link.url}?screen=1`);
      await rateAll(page, 'Ana', '2', 'Rather not say more');
      await page.getByRole('heading', { name: 'Thank you — your rating is in.' }).waitFor();
      // The next person presses Back instead of Next person.
      await page.goBack();
      await page.getByRole('button', { name: 'Submit rating' }).waitFor();
      expect(await page.locator('input:checked').count()).toBe(0);
      expect(await page.getByLabel('Comment (optional)').inputValue()).toBe('');
      // They rate from there; the member after them through Next person.
      await rateAll(page, 'Sam', '8');
      await page.getByRole('link', { name: 'Next person' }).click();
      await rateAll(page, 'Kit', '5');
      await page.getByRole('link', { name: 'Done' }).waitFor();
      const byMember = Object.fromEntries((await ratings()).map((r) => [r.memberId, [r.scores.overall, r.via]]));
      expect(byMember).toEqual({
        [open.fx.member.Ana!]: [2, 'screen'],
        [open.fx.member.Sam!]: [8, 'screen'],
        [open.fx.member.Kit!]: [5, 'screen'],
      });
    } finally {
      await browser.close();
    }
  });
});

/** Picks a name, gives every item of the default scale `score`, writes the comment, submits. */
async function rateAll(page: Page, name: string, score: string, comment?: string) {
  await page.getByRole('radio', { name }).check();
  for (const item of [
    'I felt part of the group today',
    'We worked on what mattered to me',
    'The way we worked suited me',
    "Overall, today's group was right for me",
  ])
    await page.getByRole('radiogroup', { name: item }).getByRole('radio', { name: score }).check();
  if (comment) await page.getByLabel('Comment (optional)').fill(comment);
  await page.getByRole('button', { name: 'Submit rating' }).click();
}
