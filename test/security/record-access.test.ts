import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PART2_NOTICE } from '../../server/privacy/part2.js';
import { clinic, makeGroup, type Clinic } from '../privacy/support.js';
import { signIn, type ApiClient } from '../support/http.js';
import { createAccount } from '../support/server.js';
import { join, send } from '../support/session-fixture.js';
import { connectSocket, type TestSocket } from '../support/sockets.js';
import { raw } from './support.js';

/**
 * What of a session's record each caller gets (docs/security.md S30–S32): one rule set,
 * server/access/record.ts, behind every route that returns the record.
 */
const PRIVATE_TEXT = 'Quillonetta disclosed a relapse in confidence';
const OPEN_TEXT = 'Brannock arrived on time and settled';
const REVIEWER = { name: 'Sol Reviewer', email: 'sol@example.org', password: 'reviewer password 123' };

let c: Clinic;
let reviewer: ApiClient;
let lead: TestSocket;
const plain = { groupId: '', ended: '', live: '' };
const part2 = { groupId: '', ended: '', live: '' };

/** Plans a session and runs it with one open and one private note; ends it unless told not to. */
async function runWithNotes(groupId: string, memberId: string, end: boolean): Promise<string> {
  const planned = await c.lead.post(`/api/groups/${groupId}/sessions`, {});
  const sessionId = planned.body.session.id as string;
  expect((await join(lead, sessionId)).ok).toBe(true);
  for (const command of [
    { type: 'attendance.mark', memberId, mark: 'present' },
    { type: 'session.start' },
    { type: 'note.add', text: OPEN_TEXT, memberId, private: false },
    { type: 'note.add', text: PRIVATE_TEXT, memberId, private: true },
    ...(end ? [{ type: 'session.end' }] : []),
  ]) {
    expect(await send(lead, sessionId, command)).toMatchObject({ ok: true });
  }
  return sessionId;
}

beforeAll(async () => {
  c = await clinic();
  const { id: reviewerId } = await createAccount(c.server, REVIEWER);
  reviewer = await signIn(c.server, REVIEWER.email, REVIEWER.password);
  lead = await connectSocket(c.server, c.lead.cookie);
  for (const [target, substanceUse] of [
    [plain, false],
    [part2, true],
  ] as const) {
    const { groupId, member } = await makeGroup(c, ['Quillonetta', 'Brannock'], { substanceUse });
    expect((await c.lead.post(`/api/groups/${groupId}/reviewers`, { userId: reviewerId })).status).toBe(201);
    target.groupId = groupId;
    target.ended = await runWithNotes(groupId, member.Quillonetta!, true);
    target.live = await runWithNotes(groupId, member.Quillonetta!, false);
  }
});
afterAll(async () => {
  lead.disconnect();
  await c.close();
});

const text = async (api: ApiClient, path: string) => {
  const res = await raw(c.server, 'GET', path, undefined, { cookie: api.cookie, origin: c.server.url });
  return { status: res.status, text: typeof res.body === 'string' ? res.body : JSON.stringify(res.body), body: res.body };
};

describe('[S30][D21] private notes are for the session’s facilitators only', () => {
  it.each([
    ['an ordinary group', plain],
    ['a Part 2 group', part2],
  ])('a reviewer of %s reads the review without any private note’s text, member or mark', async (_label, group) => {
    const res = await text(reviewer, `/api/sessions/${group.ended}/review`);
    expect(res.status).toBe(200);
    expect(res.text).toContain(OPEN_TEXT);
    expect(res.text).not.toContain(PRIVATE_TEXT);
    expect(res.body.myRole).toBe('reviewer');
    expect(res.body.review.notes.filter((n: { private: boolean }) => n.private)).toEqual([]);
    const line = res.body.review.lines.find((l: { private: boolean }) => l.private);
    expect(line).toMatchObject({ memberIds: [], text: expect.stringContaining('left out of this record') });
  });

  it('a reviewer’s every other read leaves them out too: exports and the group across sessions', async () => {
    for (const path of ['export.json', 'export.csv', 'members.csv', 'ratings.csv']) {
      const res = await text(reviewer, `/api/sessions/${plain.ended}/${path}`);
      expect(res.status, path).toBe(200);
      expect(res.text, path).not.toContain(PRIVATE_TEXT);
    }
    const across = await text(reviewer, `/api/groups/${plain.groupId}/review`);
    expect(across.status).toBe(200);
    expect(across.text).not.toContain(PRIVATE_TEXT);
  });

  it('the session’s lead and co-facilitator still read their private notes on the review', async () => {
    for (const api of [c.lead, c.co]) {
      const res = await text(api, `/api/sessions/${plain.ended}/review`);
      expect(res.body.review.notes).toContainEqual(expect.objectContaining({ text: PRIVATE_TEXT, private: true }));
    }
  });
});

describe('[S31] a reviewer reads a session only once it has ended', () => {
  it.each(['review', 'export.json', 'export.csv', 'members.csv', 'ratings.csv'])(
    'GET /api/sessions/:id/%s of a live session: 403, nothing of it',
    async (path) => {
      const res = await text(reviewer, `/api/sessions/${plain.live}/${path}`);
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ code: 'FORBIDDEN', message: 'A reviewer reads a session once it has ended.' });
      expect(res.text).not.toContain(OPEN_TEXT);
    },
  );

  it('the group’s review across sessions leaves the live session out for a reviewer, not for its lead', async () => {
    const sessionIds = async (api: ApiClient) =>
      ((await api.get(`/api/groups/${plain.groupId}/review`)).body.across.sessions as { sessionId: string }[]).map((s) => s.sessionId);
    expect(await sessionIds(reviewer)).toEqual([plain.ended]);
    expect(await sessionIds(c.lead)).toEqual(expect.arrayContaining([plain.ended, plain.live]));
  });

  it('the live state and the raw log stay facilitators’ only (404 to a reviewer), live or ended', async () => {
    for (const id of [plain.live, plain.ended]) {
      expect((await text(reviewer, `/api/sessions/${id}`)).status).toBe(404);
      expect((await text(reviewer, `/api/sessions/${id}/log`)).status).toBe(404);
    }
  });
});

describe('[S32][D14] one rule set for every route that returns a Part 2 group’s record', () => {
  it('the co-facilitator gets 403 on the raw log as on the exports; the lead gets it with the §2.32 notice', async () => {
    const co = await text(c.co, `/api/sessions/${part2.ended}/log`);
    expect(co.status).toBe(403);
    expect(co.text).not.toContain(PRIVATE_TEXT);
    expect((await text(c.co, `/api/sessions/${part2.ended}/export.json`)).status).toBe(403);
    const ledBy = await text(c.lead, `/api/sessions/${part2.ended}/log`);
    expect(ledBy.status).toBe(200);
    expect(ledBy.body.notice).toBe(PART2_NOTICE);
  });

  it('the session’s state carries the notice for a Part 2 group, and none for an ordinary one', async () => {
    for (const api of [c.lead, c.co]) {
      expect((await api.get(`/api/sessions/${part2.live}`)).body).toMatchObject({ notice: PART2_NOTICE });
      expect((await api.get(`/api/sessions/${plain.live}`)).body).toMatchObject({ notice: null });
    }
    expect((await c.co.get(`/api/sessions/${plain.ended}/log`)).body).toMatchObject({ notice: null });
    expect((await c.lead.get(`/api/groups/${part2.groupId}/review`)).body).toMatchObject({ notice: PART2_NOTICE });
  });
});
