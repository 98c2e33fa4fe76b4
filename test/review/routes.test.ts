import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REVIEW_SCHEMA_VERSION, type Review } from '../../shared/review/types.js';
import type { ReviewResponse } from '../../shared/rest/contract.js';
import { manualClock } from '../support/clock.js';
import { purgeAllEnded } from '../support/purge.js';
import { signIn, type ApiClient } from '../support/http.js';
import { createAccount } from '../support/server.js';
import { sessionFixture, type SessionFixture } from '../support/session-fixture.js';
import { act, getRaw, parseCsv } from './server-support.js';

/**
 * The review over a real server: a session run over real sockets with a hand-moved clock, then
 * its figures, exports, signatures and addenda read and written over HTTP.
 */

const MIN = 60_000;
const clock = manualClock();
let fx: SessionFixture;
let stranger: ApiClient;
let reviewBody: ReviewResponse;

const tick = (minutes: number) => clock.advance(minutes * MIN);
const talkOf = (review: Review, name: string) => review.talk.find((t) => t.memberId === fx.member[name])!;

beforeAll(async () => {
  fx = await sessionFixture({ clock, config: { clinicTimeZone: 'America/New_York' } });
  const { lead, co, member } = fx;
  await createAccount(fx.server, { name: 'Casey Stranger', email: 'casey@example.org', password: 'not a facilitator here' });
  stranger = await signIn(fx.server, 'casey@example.org', 'not a facilitator here');

  for (const name of ['Sam', 'Ana', 'Kit'])
    await act(fx, lead.socket, { type: 'attendance.mark', memberId: member[name]!, mark: 'present' });
  await act(fx, lead.socket, { type: 'session.start' });
  tick(10);
  await act(fx, lead.socket, { type: 'phase.next' });
  await act(fx, lead.socket, { type: 'round.start' }); // Sam
  tick(2);
  await act(fx, lead.socket, { type: 'floor.next' }); // Ana
  await act(fx, lead.socket, { type: 'round.pass' }); // Ana passes: Kit
  tick(3);
  await act(fx, lead.socket, { type: 'floor.next' }); // back to Ana
  tick(1);
  await act(fx, lead.socket, { type: 'floor.next' }); // the round is over
  await act(fx, lead.socket, { type: 'phase.next' });
  await act(fx, co.socket, { type: 'flag.raise', kind: 'distress', memberId: member.Ana!, text: 'tearful' });
  await act(fx, co.socket, { type: 'note.add', text: 'Kit private text', memberId: member.Kit!, private: true });
  await act(fx, co.socket, { type: 'signal.send', kind: 'wrapUp' });
  clock.advance(30_000);
  const signalId = co.socket.updates.at(-1)!.state.context.signals[0]!.id;
  await act(fx, lead.socket, { type: 'signal.ack', signalId });
  await act(fx, lead.socket, { type: 'queue.add', memberId: member.Kit! });
  await act(fx, lead.socket, { type: 'floor.next' }); // Kit
  tick(1);
  await act(fx, lead.socket, { type: 'session.pause' });
  tick(5);
  await act(fx, lead.socket, { type: 'session.resume' });
  tick(1);
  await act(fx, lead.socket, { type: 'turn.end' });
  clock.advance(90_000);
  await act(fx, lead.socket, { type: 'session.end' });
  const res = await lead.api.get(`/api/sessions/${fx.sessionId}/review`);
  expect(res.status).toBe(200);
  reviewBody = res.body;
});

afterAll(() => fx?.close());

describe('GET /api/sessions/:id/review', () => {
  it('has the start, the stop, and the duration against the plan', () => {
    const { session } = reviewBody.review;
    expect(session).toMatchObject({ status: 'ended', wallMs: 25 * MIN, pausedMs: 5 * MIN, activeMs: 20 * MIN, plannedMs: 75 * MIN });
    expect(session.startedAt).toBe(Date.UTC(2026, 10, 27, 9, 0, 0));
    expect(reviewBody.timeZone).toBe('America/New_York');
    expect(reviewBody.myRole).toBe('lead');
  });

  it('has the phases in the order they happened, pauses left out', () => {
    expect(reviewBody.review.phases.map((p) => [p.phase, p.actualMs / MIN, p.differenceMs / MIN])).toEqual([
      ['introduction', 10, 0],
      ['sharing', 6, -14],
      ['facilitation', 4, -16],
    ]);
    expect(reviewBody.review.unvisited.map((p) => p.phase)).toEqual(['skillDevelopment', 'feedback']);
  });

  it('has each member’s talk time, turns and passes, and who was absent', () => {
    const { review } = reviewBody;
    expect(talkOf(review, 'Sam')).toMatchObject({ talkMs: 2 * MIN, turns: 1, passes: 0 });
    expect(talkOf(review, 'Ana')).toMatchObject({ talkMs: 1 * MIN, turns: 1, passes: 1 });
    expect(talkOf(review, 'Kit')).toMatchObject({ talkMs: 5 * MIN, turns: 2, longestTurnMs: 3 * MIN });
    expect(review.attendance.find((a) => a.memberId === fx.member.Jo)).toMatchObject({ attended: false, status: 'absent' });
    expect(review.signals[0]).toMatchObject({ label: 'Wrap up', ackDelayMs: 30_000 });
  });

  it('names people in its plain-words log', () => {
    expect(reviewBody.review.lines.map((l) => l.text)).toContain('Dana Lee gave the floor to the next speaker, Kit');
    expect(reviewBody.review.lines.map((l) => l.text)).toContain('Robin Park flagged distress about Ana: “tearful”');
  });

  it('shows the facilitators their private notes (only the exports leave them out)', () => {
    expect(reviewBody.review.notes).toEqual([expect.objectContaining({ text: 'Kit private text', private: true })]);
  });
});

describe('exports', () => {
  it('export.csv: an attachment, one row per log entry, ISO times with the clinic’s offset, no private note', async () => {
    const res = await getRaw(fx.server, fx.lead.api, `/api/sessions/${fx.sessionId}/export.csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="?holdspace-session-2026-11-27-[0-9a-f]{8}\.csv"?$/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const rows = parseCsv(res.text);
    const log = await fx.lead.api.get(`/api/sessions/${fx.sessionId}/log`);
    expect(rows.slice(1).map((r) => Number(r[0]))).toEqual(log.body.entries.map((e: { version: number }) => e.version));
    expect(rows[4]![1]).toBe('2026-11-27T04:00:00-05:00'); // session.start, 09:00 UTC in New York
    expect(res.text).not.toContain('Kit private text');
  });

  it('members.csv: a row per member with talk seconds', async () => {
    const res = await getRaw(fx.server, fx.lead.api, `/api/sessions/${fx.sessionId}/members.csv`);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="?holdspace-session-[\w-]+\.members\.csv"?$/);
    const [header, ...rows] = parseCsv(res.text);
    const kit = Object.fromEntries(header!.map((c, i) => [c, rows.find((r) => r[0] === 'Kit')![i]]));
    expect(kit).toMatchObject({ turns: '2', talk_seconds: '300', spoke: 'yes', notes: '0' });
  });

  it('export.json: the schema version, the full log, the figures; no private note', async () => {
    const res = await getRaw(fx.server, fx.lead.api, `/api/sessions/${fx.sessionId}/export.json`);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="?holdspace-session-[\w-]+\.json"?$/);
    const data = JSON.parse(res.text);
    expect(data.schemaVersion).toBe(REVIEW_SCHEMA_VERSION);
    expect(data.timeZone).toBe('America/New_York');
    expect(data.notice).toBeNull();
    expect(data.log).toHaveLength(reviewBody.review.lines.length);
    expect(data.figures.session.startedAt).toBe('2026-11-27T04:00:00.000-05:00');
    expect(data.figures.talk.map((t: { talkMs: number }) => t.talkMs)).toEqual(reviewBody.review.talk.map((t) => t.talkMs));
    expect(res.text).not.toContain('Kit private text');
  });
});

describe('only the session’s facilitators', () => {
  const paths = () => [
    `/api/sessions/${fx.sessionId}/review`,
    `/api/sessions/${fx.sessionId}/export.json`,
    `/api/sessions/${fx.sessionId}/export.csv`,
    `/api/sessions/${fx.sessionId}/members.csv`,
    `/api/groups/${fx.groupId}/review`,
  ];

  it('another account gets 404, with nothing of the session in the body', async () => {
    for (const path of paths()) {
      const res = await getRaw(fx.server, stranger, path);
      expect([path, res.status]).toEqual([path, 404]);
      for (const secret of ['Sam', 'Ana', 'Kit', 'Tuesday', 'tearful', 'Dana', 'Robin', fx.sessionId])
        expect(res.text).not.toContain(secret);
    }
    const sign = await stranger.post(`/api/sessions/${fx.sessionId}/sign`, {});
    expect(sign.status).toBe(404);
    const addendum = await stranger.post(`/api/sessions/${fx.sessionId}/addenda`, { text: 'mine' });
    expect(addendum.status).toBe(404);
  });

  it('no account gets 401', async () => {
    for (const path of paths()) expect((await fetch(`${fx.server.url}${path}`)).status).toBe(401);
  });

  it('the co-facilitator reads the same figures', async () => {
    const res = await fx.co.api.get(`/api/sessions/${fx.sessionId}/review`);
    expect(res.status).toBe(200);
    expect(res.body.myRole).toBe('co');
    expect(res.body.review.talk).toEqual(reviewBody.review.talk);
  });
});

describe('sign and lock', () => {
  it('addenda wait for a signature; each facilitator signs once; the first signature locks; addenda then carry author and time', async () => {
    const url = `/api/sessions/${fx.sessionId}`;
    expect((await fx.lead.api.post(`${url}/addenda`, { text: 'Too early.' })).status).toBe(409);
    const first = await fx.co.api.post(`${url}/sign`, {});
    expect(first.status).toBe(201);
    expect(first.body.record.lock).toMatchObject({ logVersion: reviewBody.review.lines.length });
    expect(first.body.record.intact).toBe(true);
    expect((await fx.co.api.post(`${url}/sign`, {})).status).toBe(409);
    const second = await fx.lead.api.post(`${url}/sign`, {});
    expect(second.body.record.signatures.map((s: { role: string; name: string }) => [s.role, s.name])).toEqual([
      ['co', 'Robin Park'],
      ['lead', 'Dana Lee'],
    ]);
    expect(second.body.record.lock).toEqual(first.body.record.lock);

    clock.advance(3_600_000);
    const added = await fx.lead.api.post(`${url}/addenda`, { text: 'Ana called the next day; she is fine.' });
    expect(added.status).toBe(201);
    expect(added.body.record.addenda).toEqual([
      {
        id: expect.any(String),
        authorId: fx.lead.id,
        authorName: 'Dana Lee',
        at: clock.now(),
        text: 'Ana called the next day; she is fine.',
      },
    ]);
    const after = await fx.lead.api.get(`${url}/review`);
    expect(after.body.review.lines).toEqual(reviewBody.review.lines); // the original is intact
    expect(after.body.record.intact).toBe(true);
  });

  it('the database refuses to change or remove a signature, a lock or an addendum', () => {
    const db = fx.server.db;
    expect(() => db.prepare("UPDATE review_signatures SET role = 'lead'").run()).toThrow(/permanent/);
    expect(() => db.prepare('DELETE FROM review_locks').run()).toThrow(/locked/);
    expect(() => db.prepare("UPDATE review_addenda SET text = 'changed'").run()).toThrow(/append-only/);
  });

  it('refuses a signature before the end and an addendum that is empty or has unknown keys', async () => {
    const planned = await fx.lead.api.post(`/api/groups/${fx.groupId}/sessions`, {});
    expect((await fx.lead.api.post(`/api/sessions/${planned.body.session.id}/sign`, {})).status).toBe(409);
    expect((await fx.lead.api.post(`/api/sessions/${fx.sessionId}/addenda`, { text: '' })).status).toBe(400);
    expect((await fx.lead.api.post(`/api/sessions/${fx.sessionId}/addenda`, { text: 'x', by: 'someone' })).status).toBe(400);
    expect((await fx.lead.api.post(`/api/sessions/${fx.sessionId}/sign`, { as: 'lead' })).status).toBe(400);
  });
});

describe('GET /api/groups/:id/review', () => {
  it('puts the group’s sessions side by side: attendance and talk time per member', async () => {
    const res = await fx.lead.api.get(`/api/groups/${fx.groupId}/review`);
    expect(res.status).toBe(200);
    expect(res.body.timeZone).toBe('America/New_York');
    const { sessions, members } = res.body.across;
    expect(sessions).toHaveLength(1); // the session only planned has not started: not in the grid
    const row = (name: string) => members.find((m: { name: string }) => m.name === name);
    expect(row('Kit').cells).toEqual([{ status: 'present', talkMs: 5 * MIN, turns: 2, passes: 0 }]);
    expect(row('Jo').cells[0].status).toBe('absent');
  });
});

describe('names kept outside the log', () => {
  it('a member renamed after the session shows under the new name (the figures are not served stale)', async () => {
    const before = await fx.lead.api.get(`/api/sessions/${fx.sessionId}/review`);
    expect(before.body.review.members.map((m: { name: string }) => m.name)).toContain('Kit');
    const group = (await fx.lead.api.get(`/api/groups/${fx.groupId}`)).body.group;
    const rename = (from: string, to: string) =>
      fx.lead.api.put(`/api/groups/${fx.groupId}`, {
        name: group.name,
        members: group.members.map((m: { id: string; name: string }) => ({ id: m.id, name: m.name === from ? to : m.name })),
        coFacilitatorId: group.coFacilitatorId,
      });
    expect((await rename('Kit', 'Kit R.')).status).toBe(200);
    const after = await fx.lead.api.get(`/api/sessions/${fx.sessionId}/review`);
    expect(after.body.review.members.map((m: { name: string }) => m.name)).toContain('Kit R.');
    expect(after.body.review.lines.map((l: { text: string }) => l.text)).toContain('Dana Lee gave the floor to the next speaker, Kit R.');
    expect(after.body.review.talk).toEqual(before.body.review.talk);
    await rename('Kit R.', 'Kit');
  });
});

describe('a substance-use group (42 CFR Part 2)', () => {
  it('only the lead exports, and every export and the review carry the notice', async () => {
    const group = (await fx.lead.api.get(`/api/groups/${fx.groupId}`)).body.group;
    const put = await fx.lead.api.put(`/api/groups/${fx.groupId}`, {
      name: group.name,
      members: group.members.map((m: { id: string; name: string }) => ({ id: m.id, name: m.name })),
      coFacilitatorId: group.coFacilitatorId,
      substanceUse: true,
    });
    expect(put.status).toBe(200);
    const co = await getRaw(fx.server, fx.co.api, `/api/sessions/${fx.sessionId}/export.csv`);
    expect(co.status).toBe(403);
    expect(co.text).not.toContain('Sam');

    const review = await fx.co.api.get(`/api/sessions/${fx.sessionId}/review`);
    expect(review.body.notice).toMatch(/42 CFR part 2/);
    const json = JSON.parse((await getRaw(fx.server, fx.lead.api, `/api/sessions/${fx.sessionId}/export.json`)).text);
    expect(json.notice).toMatch(/42 CFR part 2/);
    const csv = parseCsv((await getRaw(fx.server, fx.lead.api, `/api/sessions/${fx.sessionId}/export.csv`)).text);
    expect(csv[0]![0]).toMatch(/^This record which has been disclosed to you is protected/);
    expect(csv[1]![0]).toBe('version');
  });
});

describe('the audit log', () => {
  it('records views, exports and signatures of the review, and the record read by joining, by id only', () => {
    const rows = fx.server.db
      .prepare<[string], { action: string; actor_id: string; detail: string }>(
        'SELECT action, actor_id, detail FROM audit_log WHERE subject_id = ? ORDER BY seq',
      )
      .all(fx.sessionId);
    const actions = new Set(rows.map((r) => r.action));
    expect([...actions].sort()).toEqual(['review.export', 'review.view', 'session.read', 'session.sign']);
    expect(rows.filter((r) => r.action === 'session.sign').map((r) => [r.actor_id, JSON.parse(r.detail).role])).toEqual([
      [fx.co.id, 'co'],
      [fx.lead.id, 'lead'],
    ]);
    for (const r of rows) expect(r.detail).not.toMatch(/Sam|Ana|Kit|tearful/);
  });
});

describe('the retention purge', () => {
  it('removes a signed review with its session: signatures, lock and addenda give way to a purge only', async () => {
    const purged = await purgeAllEnded(fx.server.app.store, clock);
    expect(purged.sessionIds).toContain(fx.sessionId);
    for (const table of ['review_locks', 'review_signatures', 'review_addenda']) {
      expect(fx.server.db.prepare(`SELECT count(*) AS n FROM ${table} WHERE session_id = ?`).get(fx.sessionId)).toEqual({ n: 0 });
    }
    expect((await fx.lead.api.get(`/api/sessions/${fx.sessionId}/review`)).status).toBe(404);
  });
});
