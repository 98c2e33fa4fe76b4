import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ratingsCsv } from '../../shared/review/rating-exports.js';
import type { Trends } from '../../shared/review/trends.js';
import type { LookLine } from '../../shared/review/worth-a-look.js';
import type { ReviewResponse } from '../../shared/rest/contract.js';
import { DEFAULT_RATING_ITEMS } from '../../shared/schemas/rating-scale.js';
import { manualClock } from '../support/clock.js';
import { runSession } from '../support/history.js';
import { signIn, type ApiClient } from '../support/http.js';
import { fourScores, rater } from '../support/ratings.js';
import { createAccount } from '../support/server.js';
import { sessionFixture, type SessionFixture } from '../support/session-fixture.js';
import { act, getRaw, parseCsv } from './server-support.js';

/**
 * Members' ratings in the record over a real server (docs/review.md §Ratings, R34, R36–R40):
 * three sessions run on the lead's socket, ratings saved through the server's own rating store as
 * the members' pages save them, then the review, its exports and the group's trends read over
 * HTTP by the lead, the co-facilitator, a reviewer and an outsider.
 */
const clock = manualClock();
let fx: SessionFixture;
let reviewer: ApiClient;
let outsider: ApiClient;
const ids: string[] = [];

const all = fourScores;
let rate: ReturnType<typeof rater>['rate'];
let collect: ReturnType<typeof rater>['collect'];

// Ana's overall falls from 8 to 4 and she feels less part of the group two sessions running;
// Kit rates twice in the first session (the second replaces the first), and not in the third.
beforeAll(async () => {
  fx = await sessionFixture({ clock, config: { clinicTimeZone: 'UTC' } });
  const rae = await createAccount(fx.server, { name: 'Rae Viewer', email: 'rae@example.org', password: 'reads but never writes' });
  await createAccount(fx.server, { name: 'Casey Stranger', email: 'casey@example.org', password: 'not a facilitator here' });
  reviewer = await signIn(fx.server, 'rae@example.org', 'reads but never writes');
  outsider = await signIn(fx.server, 'casey@example.org', 'not a facilitator here');
  expect((await fx.lead.api.post(`/api/groups/${fx.groupId}/reviewers`, { userId: rae.id })).status).toBe(201);
  ({ rate, collect } = rater(fx.server, clock, fx.member));
  const runner = { api: fx.lead.api, socket: fx.lead.socket, clock, groupId: fx.groupId, member: fx.member };
  for (let n = 0; n < 3; n++) ids.push(await runSession(runner, { present: ['Sam', 'Ana', 'Kit'], talk: { Sam: 60, Ana: 60, Kit: 60 } }));
  const [first, second, third] = ids as [string, string, string];
  await collect(first);
  await rate(first, 'Kit', all(2, 2, 2, 2));
  await rate(first, 'Ana', all(7, 8, 8, 9), 'Glad I came.');
  await rate(first, 'Kit', all(6, 6, 6, 6), '=cmd|calc');
  await rate(first, 'Sam', all(8, 8, 8, 8));
  await collect(second);
  await rate(second, 'Ana', all(4, 8, 8, 8));
  await rate(second, 'Kit', all(6, 6, 6, 6));
  await collect(third);
  await rate(third, 'Ana', all(3, 5, 5, 4), 'Hard to get a word in.');
});

afterAll(() => fx?.close());

const review = async (api: ApiClient, sessionId: string) => {
  const res = await api.get(`/api/sessions/${sessionId}/review`);
  return { status: res.status, body: res.body as ReviewResponse };
};

describe('[R34] the review carries the session’s ratings', () => {
  it('to the lead, the co-facilitator and a reviewer: the items asked and each rating in seat order, named', async () => {
    for (const api of [fx.lead.api, fx.co.api, reviewer]) {
      const { status, body } = await review(api, ids[0]!);
      expect(status).toBe(200);
      expect(body.ratings!.items).toEqual(DEFAULT_RATING_ITEMS);
      expect(body.ratings!.ratings.map((r) => [r.memberName, r.scores.overall, r.comment, r.submissions])).toEqual([
        ['Sam', 8, '', 1],
        ['Ana', 9, 'Glad I came.', 1],
        ['Kit', 6, '=cmd|calc', 2],
      ]);
    }
  });

  it('a session that collected none has none; to an outsider the session does not exist and nothing of a rating leaks', async () => {
    expect((await review(fx.lead.api, fx.sessionId)).body.ratings).toBeNull();
    const res = await review(outsider, ids[0]!);
    expect(res.status).toBe(404);
    expect(JSON.stringify(res.body)).not.toMatch(/Glad I came|Ana/);
    expect((await getRaw(fx.server, outsider, `/api/sessions/${ids[0]}/ratings.csv`)).status).toBe(404);
  });

  it('a rating that comes in after a read shows on the next one (the figures are cached, the ratings are not)', async () => {
    expect((await review(fx.lead.api, ids[2]!)).body.ratings!.ratings).toHaveLength(1);
    await rate(ids[2]!, 'Sam', all(9, 9, 9, 9));
    expect((await review(fx.lead.api, ids[2]!)).body.ratings!.ratings.map((r) => r.memberName)).toEqual(['Sam', 'Ana']);
  });
});

describe('[R39][R40] the exports carry them', () => {
  it('the JSON: schema 2, the items asked and each rating with its scores by item id', async () => {
    const res = await getRaw(fx.server, reviewer, `/api/sessions/${ids[0]}/export.json`);
    expect(res.status).toBe(200);
    const data = JSON.parse(res.text) as { schemaVersion: number; ratings: { items: unknown[]; ratings: Record<string, unknown>[] } };
    expect(data.schemaVersion).toBe(2);
    expect(data.ratings.items).toHaveLength(4);
    expect(data.ratings.ratings[2]).toMatchObject({ member: 'Kit', scores: all(6, 6, 6, 6), submissions: 2, via: 'phone' });
  });

  it('the ratings CSV: a download named without names, a column per item, formulas neutralised', async () => {
    const res = await getRaw(fx.server, fx.co.api, `/api/sessions/${ids[0]}/ratings.csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="?holdspace-session-\d{4}-\d\d-\d\d-[\w-]{8}\.ratings\.csv"?$/,
    );
    expect(res.headers.get('cache-control')).toBe('no-store');
    const rows = parseCsv(res.text);
    // The header is the shared one (test/review/rating-exports.test.ts spells it out).
    expect(rows[0]).toEqual(parseCsv(ratingsCsv({ items: DEFAULT_RATING_ITEMS, ratings: [] }, 'UTC'))[0]);
    expect(rows.slice(1).map((r) => [r[0], r[5], r[6]])).toEqual([
      ['Sam', '8', ''],
      ['Ana', '9', 'Glad I came.'],
      ['Kit', '6', "'=cmd|calc"],
    ]);
  });
});

describe('[R36][R37][R38] the group’s trends carry the rating series and their lines', () => {
  it('each member’s overall per session, and the lines for Ana’s drop and her low run', async () => {
    for (const api of [fx.lead.api, reviewer]) {
      const res = await api.get(`/api/groups/${fx.groupId}/trends`);
      expect(res.status).toBe(200);
      const trends = res.body.trends as Trends;
      const overall = (name: string) => trends.members.find((m) => m.name === name)!.cells.map((c) => c.rating?.overall ?? null);
      expect(overall('Ana')).toEqual([9, 8, 4]);
      expect(overall('Kit')).toEqual([6, 6, null]);
      expect(overall('Jo')).toEqual([null, null, null]);
      const lines = (res.body.lines as LookLine[]).filter((l) => l.kind.startsWith('rating'));
      expect(lines).toEqual([
        {
          kind: 'ratingDrop',
          memberId: fx.member.Ana,
          text: "Ana's overall rating dropped 4 points, from 8 to 4.",
          sessionIds: [ids[1], ids[2]],
        },
        {
          kind: 'ratingLow',
          memberId: fx.member.Ana,
          text: 'Ana rated “I felt part of the group today” below 5 in the last 2 sessions they rated.',
          sessionIds: [ids[1], ids[2]],
        },
      ]);
    }
  });
});

describe('[R34] while the session runs, no rating value reaches anyone', () => {
  it('its facilitators’ review and export hold none until it ends; then they do', async () => {
    const { lead, member } = fx;
    await act(fx, lead.socket, { type: 'attendance.mark', memberId: member.Sam!, mark: 'present' });
    await act(fx, lead.socket, { type: 'session.start' });
    await collect(fx.sessionId);
    await rate(fx.sessionId, 'Sam', all(5, 5, 5, 5), 'Live words.');
    expect((await review(lead.api, fx.sessionId)).body.ratings).toBeNull();
    const json = await getRaw(fx.server, lead.api, `/api/sessions/${fx.sessionId}/export.json`);
    expect(json.text).not.toContain('Live words.');
    expect((await review(reviewer, fx.sessionId)).status).toBe(403);
    await act(fx, lead.socket, { type: 'session.end' });
    expect((await review(lead.api, fx.sessionId)).body.ratings!.ratings.map((r) => r.comment)).toEqual(['Live words.']);
  });
});

describe('[R40][D13] the ratings CSV under the record’s rules', () => {
  it('is audited as an export, by id only', () => {
    const rows = fx.server.db
      .prepare<[string], { actor_id: string; detail: string }>(
        "SELECT actor_id, detail FROM audit_log WHERE subject_id = ? AND action = 'review.export' ORDER BY seq",
      )
      .all(ids[0]!);
    expect(rows.map((r) => JSON.parse(r.detail).format)).toContain('ratings.csv');
    for (const r of rows) expect(r.detail).not.toMatch(/Ana|Glad/);
  });

  it('for a substance-use group only the lead downloads it, with the redisclosure notice above the header', async () => {
    const group = (await fx.lead.api.get(`/api/groups/${fx.groupId}`)).body.group;
    const members = group.members.map((m: { id: string; name: string }) => ({ id: m.id, name: m.name }));
    const base = { name: group.name, members, coFacilitatorId: group.coFacilitatorId };
    expect((await fx.lead.api.put(`/api/groups/${fx.groupId}`, { ...base, substanceUse: true })).status).toBe(200);
    const co = await getRaw(fx.server, fx.co.api, `/api/sessions/${ids[0]}/ratings.csv`);
    expect(co.status).toBe(403);
    expect(co.text).not.toContain('Glad I came.');
    const rows = parseCsv((await getRaw(fx.server, fx.lead.api, `/api/sessions/${ids[0]}/ratings.csv`)).text);
    expect(rows[0]![0]).toMatch(/^This record which has been disclosed to you is protected/);
    expect(rows[1]![0]).toBe('member');
    expect((await fx.lead.api.put(`/api/groups/${fx.groupId}`, { ...base, substanceUse: false })).status).toBe(200);
  });
});

describe('[D33] an erased member’s ratings leave the review, its exports and the trends', () => {
  it('after Ana’s erasure, none of her scores or words is read anywhere', async () => {
    expect((await fx.lead.api.post(`/api/groups/${fx.groupId}/members/${fx.member.Ana}/erase`, {})).status).toBe(200);
    const body = (await review(fx.lead.api, ids[0]!)).body;
    expect(body.ratings!.ratings.map((r) => r.memberId)).toEqual([fx.member.Sam, fx.member.Kit]);
    expect((await getRaw(fx.server, fx.lead.api, `/api/sessions/${ids[2]}/ratings.csv`)).text).not.toContain('Hard to get a word in.');
    const lines = (await fx.lead.api.get(`/api/groups/${fx.groupId}/trends`)).body.lines as LookLine[];
    // Sam's own drop (9 to 5, rated after the live session's end) stays; Ana's lines are gone.
    expect(lines.filter((l) => l.kind.startsWith('rating')).map((l) => l.memberId)).toEqual([fx.member.Sam]);
  });
});
