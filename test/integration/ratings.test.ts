import { afterEach, describe, expect, it } from 'vitest';
import type { Command } from '../../shared/schemas/commands.js';
import type { RatingsStatus } from '../../shared/schemas/ratings.js';
import { manualClock, type ManualClock } from '../support/clock.js';
import { signIn } from '../support/http.js';
import { createAccount } from '../support/server.js';
import { send, sessionFixture, type SessionFixture } from '../support/session-fixture.js';
import type { TestSocket } from '../support/sockets.js';
import { capturedLogger } from '../privacy/support.js';
import { instant } from '../../shared/time.js';

/** Member voice, the facilitators' side (docs/ratings.md P52–P55), through a real server and two real screens. */
let fx: SessionFixture;
let clock: ManualClock;
afterEach(() => fx?.close());

const path = (suffix = '') => `/api/sessions/${fx.sessionId}/ratings${suffix}`;

async function act(command: Command) {
  const ack = await send(fx.lead.socket, fx.sessionId, command);
  if (!ack.ok) throw new Error(`${command.type} refused: ${ack.code}`);
}

/** The next `session:ratings` a screen receives. */
function nextStatus(socket: TestSocket, timeoutMs = 2000): Promise<RatingsStatus> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no session:ratings')), timeoutMs);
    socket.once('session:ratings', (status) => {
      clearTimeout(timer);
      resolve(status);
    });
  });
}

async function startedWithThreePresent(options: Parameters<typeof sessionFixture>[0] = {}) {
  clock = manualClock();
  fx = await sessionFixture({ clock, ...options });
  for (const name of ['Sam', 'Ana', 'Kit']) await act({ type: 'attendance.mark', memberId: fx.member[name]!, mark: 'present' });
  await act({ type: 'attendance.mark', memberId: fx.member.Jo!, mark: 'absent' });
  await act({ type: 'session.start' });
}

const tokenOf = (url: string) => url.split('/r/')[1]!;
const allSeven = { belonging: 7, mattered: 7, approach: 7, overall: 7 };

describe('collecting ratings', () => {
  it('[P52] [P53] Collect ratings opens one link however often and by whom it is pressed; both screens get the count, never a value', async () => {
    await startedWithThreePresent();
    const leadHears = nextStatus(fx.lead.socket);
    const coHears = nextStatus(fx.co.socket);
    // Both facilitators press at once: one link, the same for both.
    const [byLead, byCo] = await Promise.all([fx.lead.api.post(path('/collect'), undefined), fx.co.api.post(path('/collect'), undefined)]);
    expect(byLead.status).toBe(200);
    expect(byCo.status).toBe(200);
    expect(byCo.body.link.url).toBe(byLead.body.link.url);
    expect(byLead.body.link.url).toMatch(new RegExp(`^${fx.server.url}/r/[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$`));
    expect(byLead.body.link.codeUrl).toBe(`${fx.server.url}/r`);
    expect(byLead.body.link.code).toMatch(/^[ACDEFHJKMNPRTWXY34679]{6}$/);
    expect(byLead.body.link.qrSvg).toMatch(/^<svg[^>]*>.*<\/svg>\s*$/s);
    expect(await leadHears).toEqual({ sessionId: fx.sessionId, collecting: true, rated: 0, expiresAt: null });
    expect(await coHears).toEqual({ sessionId: fx.sessionId, collecting: true, rated: 0, expiresAt: null });
    // 150 ms later (a second person's press): still the one link.
    clock.advance(150);
    const again = await fx.co.api.post(path('/collect'), undefined);
    expect(again.body.link.code).toBe(byLead.body.link.code);

    // A member rates: the count moves on both screens; the broadcast carries no value or name.
    const token = tokenOf(byLead.body.link.url as string);
    const leadCount = nextStatus(fx.lead.socket);
    const coCount = nextStatus(fx.co.socket);
    const outcome = await fx.server.app.ratings.submit(
      token,
      { memberId: fx.member.Ana!, scores: allSeven, comment: 'Felt heard today' },
      'phone',
    );
    expect(outcome).toBe('new');
    for (const status of [await leadCount, await coCount]) {
      expect(status).toEqual({ sessionId: fx.sessionId, collecting: true, rated: 1, expiresAt: null });
      expect(JSON.stringify(status)).not.toMatch(/Ana|Felt heard/);
    }
    // A second submission replaces the first: still one rated.
    const replaced = await fx.server.app.ratings.submit(
      token,
      { memberId: fx.member.Ana!, scores: { ...allSeven, overall: 9 }, comment: '' },
      'phone',
    );
    expect(replaced).toBe('replaced');
    expect((await fx.lead.api.get(path())).body.status.rated).toBe(1);
    expect(await fx.server.app.store.ratings.forSession(fx.sessionId)).toMatchObject([
      { memberId: fx.member.Ana, scores: { ...allSeven, overall: 9 }, comment: '', submissions: 2, via: 'phone' },
    ]);
  });

  it('[P52] Stop collecting closes the link at once; pressed again it changes nothing; the link route then refuses', async () => {
    await startedWithThreePresent();
    const opened = await fx.lead.api.post(path('/collect'), undefined);
    const token = tokenOf(opened.body.link.url as string);
    expect(await fx.server.app.ratings.formFor(token)).not.toBeNull();
    const coHears = nextStatus(fx.co.socket);
    const stopped = await fx.lead.api.post(path('/stop'), undefined);
    expect(stopped.body.status).toMatchObject({ collecting: false });
    expect(await coHears).toMatchObject({ collecting: false });
    expect((await fx.co.api.post(path('/stop'), undefined)).body.status).toMatchObject({ collecting: false });
    expect(await fx.server.app.ratings.formFor(token)).toBeNull();
    expect(await fx.server.app.ratings.tokenForCode(opened.body.link.code as string)).toBeNull();
    expect(await fx.server.app.ratings.submit(token, { memberId: fx.member.Sam!, scores: allSeven, comment: '' }, 'phone')).toBeNull();
    const link = await fx.lead.api.get(path('/link'));
    expect(link).toMatchObject({ status: 409, body: { code: 'NOT_ALLOWED' } });
    // Collecting again opens a new link: the old token stays dead.
    const reopened = await fx.lead.api.post(path('/collect'), undefined);
    expect(reopened.body.link.url).not.toBe(opened.body.link.url);
    expect(await fx.server.app.ratings.formFor(token)).toBeNull();
  });

  it('[P52] before the session starts, and 30 minutes after it ends, collecting is refused in words', async () => {
    clock = manualClock();
    fx = await sessionFixture({ clock });
    const early = await fx.lead.api.post(path('/collect'), undefined);
    expect(early).toMatchObject({
      status: 409,
      body: { code: 'WRONG_STATE', message: 'Ratings can be collected once the session has started.' },
    });
    await act({ type: 'attendance.mark', memberId: fx.member.Sam!, mark: 'present' });
    await act({ type: 'session.start' });
    await act({ type: 'session.end' });
    clock.advance(29 * 60_000);
    const inTime = await fx.lead.api.post(path('/collect'), undefined);
    expect(inTime.status).toBe(200);
    expect(inTime.body.status.expiresAt).toBe(clock.now() - 29 * 60_000 + 30 * 60_000);
    await fx.lead.api.post(path('/stop'), undefined);
    clock.advance(60_000);
    const late = await fx.lead.api.post(path('/collect'), undefined);
    expect(late).toMatchObject({ status: 409, body: { code: 'WRONG_STATE' } });
  });

  it('[P55] an open link stops working by itself 30 minutes after the session ends; the screens are told', async () => {
    await startedWithThreePresent();
    const opened = await fx.lead.api.post(path('/collect'), undefined);
    const token = tokenOf(opened.body.link.url as string);
    await act({ type: 'session.end' });
    clock.advance(30 * 60_000 - 1);
    expect(await fx.server.app.ratings.formFor(token)).not.toBeNull();
    expect(await fx.server.app.ratings.tokenForCode(opened.body.link.code as string)).toBe(token);
    clock.advance(1);
    expect(await fx.server.app.ratings.formFor(token)).toBeNull();
    expect(await fx.server.app.ratings.tokenForCode(opened.body.link.code as string)).toBeNull();
    expect((await fx.lead.api.get(path())).body.status).toMatchObject({ collecting: false });
  });

  it('[P55] [D33] a token is per session and per purpose: forged or altered tokens open nothing; codes forgive case and dashes; an erased member is not offered', async () => {
    await startedWithThreePresent();
    const opened = await fx.lead.api.post(path('/collect'), undefined);
    const token = tokenOf(opened.body.link.url as string);
    const [windowId, mac] = token.split('.') as [string, string];
    const desk = fx.server.app.ratings;
    for (const forged of [
      // The last letter changed (to B when it was A: a CI run met a MAC ending in A, "altered" to itself).
      `${windowId}.${mac.slice(0, -1)}${mac.endsWith('A') ? 'B' : 'A'}`,
      `${windowId}.`,
      windowId,
      `.${mac}`,
      `${windowId}x.${mac}`,
      'x'.repeat(500),
      '',
    ]) {
      expect(await desk.formFor(forged), forged).toBeNull();
    }
    const code = opened.body.link.code as string;
    expect(await desk.tokenForCode(`${code.slice(0, 3).toLowerCase()}-${code.slice(3)}`)).toBe(token);
    expect(await desk.tokenForCode(code.slice(0, 5))).toBeNull();
    // The form names only the members marked present (Jo is absent), in seat order; nothing else.
    expect(await desk.formFor(token)).toEqual({
      sessionId: fx.sessionId,
      items: expect.arrayContaining([expect.objectContaining({ id: 'overall' })]),
      members: ['Sam', 'Ana', 'Kit'].map((name) => ({ id: fx.member[name], name })),
    });
    // Not a present member, or a score off the scale or for an item not asked: refused, nothing saved.
    for (const bad of [
      { memberId: fx.member.Jo!, scores: allSeven },
      { memberId: fx.member.Sam!, scores: { ...allSeven, overall: 11 } },
      { memberId: fx.member.Sam!, scores: { ...allSeven, overall: 6.5 } },
      { memberId: fx.member.Sam!, scores: { belonging: 1, mattered: 2, approach: 3 } },
      { memberId: fx.member.Sam!, scores: { ...allSeven, extra: 3 } },
    ]) {
      expect(await desk.submit(token, { ...bad, comment: '' }, 'phone')).toBeNull();
    }
    expect(await fx.server.app.store.ratings.count(fx.sessionId)).toBe(0);

    // A member erased while the link is open (D33) is no longer offered, and cannot be rated for.
    expect((await fx.lead.api.post(`/api/groups/${fx.groupId}/members/${fx.member.Kit}/erase`, {})).status).toBe(200);
    expect((await desk.formFor(token))?.members.map((m) => m.id)).toEqual([fx.member.Sam, fx.member.Ana]);
    expect(await desk.submit(token, { memberId: fx.member.Kit!, scores: allSeven, comment: '' }, 'phone')).toBeNull();
    expect(await fx.server.app.store.ratings.count(fx.sessionId)).toBe(0);
  });

  it('[P54] the link comes back after a reload; an outsider reaches none of the routes; the audit has ids only', async () => {
    const { logger, text: logged } = capturedLogger();
    await startedWithThreePresent({ logger });
    const opened = await fx.lead.api.post(path('/collect'), undefined);
    expect((await fx.co.api.get(path('/link'))).body.link).toEqual(opened.body.link);
    const outsider = { name: 'Olive Outside', email: 'olive@example.org', password: 'purple monkey dishwasher' };
    await createAccount(fx.server, outsider);
    const olive = await signIn(fx.server, outsider.email, outsider.password);
    for (const [method, suffix] of [
      ['get', ''],
      ['post', '/collect'],
      ['post', '/stop'],
      ['get', '/link'],
    ] as const) {
      const answer = method === 'get' ? await olive.get(path(suffix)) : await olive.post(path(suffix), undefined);
      expect([403, 404], suffix).toContain(answer.status);
      expect(JSON.stringify(answer.body)).not.toContain('/r/');
    }
    const token = tokenOf(opened.body.link.url as string);
    await fx.server.app.ratings.submit(token, { memberId: fx.member.Kit!, scores: allSeven, comment: 'Kit wrote this' }, 'screen');
    const audit = await fx.server.app.store.audit.list(instant(0), instant(Number.MAX_SAFE_INTEGER), 1000);
    expect(audit.filter((e) => e.action.startsWith('rating'))).toMatchObject([
      { action: 'ratings.collect', actorId: fx.lead.id, subjectId: fx.sessionId },
      {
        action: 'rating.submit',
        actorId: 'member',
        subjectType: 'member',
        subjectId: fx.member.Kit,
        detail: { sessionId: fx.sessionId, via: 'screen' },
      },
    ]);
    expect(JSON.stringify(audit)).not.toContain('Kit wrote this');
    expect(logged()).not.toContain('Kit wrote this');
    expect(logged()).not.toContain(token);
  });
});
