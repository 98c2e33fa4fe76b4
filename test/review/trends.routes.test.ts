import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkItem } from '../../shared/review/record-state.js';
import type { LookLine } from '../../shared/review/worth-a-look.js';
import { manualClock } from '../support/clock.js';
import { runSession, type SessionScript } from '../support/history.js';
import { signIn, type ApiClient } from '../support/http.js';
import { createAccount } from '../support/server.js';
import { sessionFixture, type SessionFixture } from '../support/session-fixture.js';

/**
 * What waits for whom (R28) and the group's trends (R29–R33, D32) over a real server: six
 * sessions run on the lead's socket, then read over HTTP by the lead, the co-facilitator, a
 * reviewer, the lead of another group and an outsider.
 */
const clock = manualClock();
let fx: SessionFixture;
let reviewer: ApiClient;
let outsider: ApiClient;
let otherLead: ApiClient;
const ids: string[] = [];

// Sam speaks most; Ana stops speaking; Kit is late in three; Jo mostly stays away; Ana is
// flagged twice; the third session runs 50 % over its 10 minutes.
const HISTORY: SessionScript[] = [
  { present: ['Sam', 'Ana', 'Kit'], talk: { Sam: 120, Ana: 60, Kit: 60 } },
  { present: ['Sam', 'Ana'], late: ['Kit'], talk: { Sam: 120, Ana: 30, Kit: 60 } },
  { present: ['Sam', 'Ana', 'Kit'], talk: { Sam: 120, Kit: 60 }, minutes: 15 },
  { present: ['Sam', 'Ana'], late: ['Kit'], talk: { Sam: 120, Kit: 60 } },
  { present: ['Sam', 'Ana', 'Kit', 'Jo'], talk: { Sam: 120, Kit: 60, Jo: 60 }, flagged: ['Ana'] },
  { present: ['Sam', 'Ana', 'Jo'], late: ['Kit'], talk: { Sam: 120, Kit: 60, Jo: 60 }, flagged: ['Ana'] },
];

beforeAll(async () => {
  fx = await sessionFixture({ clock, config: { clinicTimeZone: 'UTC' } });
  const rae = await createAccount(fx.server, { name: 'Rae Viewer', email: 'rae@example.org', password: 'reads but never writes' });
  await createAccount(fx.server, { name: 'Casey Stranger', email: 'casey@example.org', password: 'not a facilitator here' });
  await createAccount(fx.server, { name: 'Olu Other', email: 'olu@example.org', password: 'leads another group' });
  reviewer = await signIn(fx.server, 'rae@example.org', 'reads but never writes');
  outsider = await signIn(fx.server, 'casey@example.org', 'not a facilitator here');
  otherLead = await signIn(fx.server, 'olu@example.org', 'leads another group');
  expect((await otherLead.post('/api/groups', { name: 'Thursday group', members: [{ name: 'Bo' }] })).status).toBe(201);
  expect((await fx.lead.api.post(`/api/groups/${fx.groupId}/reviewers`, { userId: rae.id })).status).toBe(201);
  const runner = { api: fx.lead.api, socket: fx.lead.socket, clock, groupId: fx.groupId, member: fx.member };
  for (const script of HISTORY) ids.push(await runSession(runner, script));
});

afterAll(() => fx?.close());

const trendsOf = async (api: ApiClient) => api.get(`/api/groups/${fx.groupId}/trends`);
const worklist = async (api: ApiClient) => (await api.get('/api/me/worklist')).body.items as WorkItem[];
const at = (...n: number[]) => n.map((i) => ids[i - 1]);

describe('[R29][R30][R31][R32][R33] the worth-a-look list over the group’s sessions', () => {
  it('lists each rule’s members with the sessions behind each line, from the group’s defaults', async () => {
    const res = await trendsOf(fx.lead.api);
    expect(res.status).toBe(200);
    expect(res.body.settings).toMatchObject({ window: 10, silentRun: 3, lateCount: 3, lateOf: 5, talkSharePercent: 30 });
    expect(res.body.trends.sessions.map((s: { sessionId: string }) => s.sessionId)).toEqual(ids);
    const lines = (res.body.lines as LookLine[]).map((l) => [l.kind, l.memberId, l.sessionIds]);
    expect(lines).toEqual([
      ['silent', fx.member.Ana, at(3, 4, 5, 6)],
      ['late', fx.member.Kit, at(2, 4, 6)],
      ['talkShare', fx.member.Sam, at(1, 2, 3, 4, 5, 6)],
      // With only Sam beside him, Kit's minute is a third of the talk.
      ['talkShare', fx.member.Kit, at(3, 4)],
      ['attendance', fx.member.Jo, at(1, 2, 3, 4)],
      ['flagged', fx.member.Ana, at(5, 6)],
      ['offPlan', null, at(3)],
    ]);
    expect((res.body.lines as LookLine[])[1]!.text).toBe('Kit was late in 3 of the last 5 sessions.');
  });

  it('the thresholds are the group’s settings: the lead changes them on the group, checked by the shared schema', async () => {
    const group = (await fx.lead.api.get(`/api/groups/${fx.groupId}`)).body.group;
    const base = {
      name: group.name,
      coFacilitatorId: group.coFacilitatorId,
      members: group.members.map((m: { id: string; name: string }) => ({ id: m.id, name: m.name })),
    };
    const bad = await fx.lead.api.put(`/api/groups/${fx.groupId}`, { ...base, trendSettings: { lateCount: 6, lateOf: 5 } });
    expect(bad.status).toBe(400);
    const saved = await fx.lead.api.put(`/api/groups/${fx.groupId}`, { ...base, trendSettings: { window: 4, talkSharePercent: 60 } });
    expect(saved.status).toBe(200);
    expect(saved.body.group.trendSettings).toMatchObject({ window: 4, talkSharePercent: 60, silentRun: 3 });
    const res = await trendsOf(fx.lead.api);
    expect(res.body.trends.sessions).toHaveLength(4);
    // Sessions 3–6: Kit was late in two of them; Sam's share is over 60 % in two.
    expect((res.body.lines as LookLine[]).map((l) => [l.kind, l.sessionIds])).toEqual([
      ['silent', at(3, 4, 5, 6)],
      ['talkShare', at(3, 4)],
      ['attendance', at(3, 4)],
      ['flagged', at(5, 6)],
      ['offPlan', at(3)],
    ]);
    // Left out of a later save, the thresholds stay as they were.
    expect((await fx.lead.api.put(`/api/groups/${fx.groupId}`, base)).body.group.trendSettings.window).toBe(4);
    await fx.lead.api.put(`/api/groups/${fx.groupId}`, { ...base, trendSettings: {} });
  });
});

describe('[D32] the trends are clinician-only', () => {
  it('the co-facilitator and a reviewer read them; another group’s lead and an outsider find no group; signed out is 401', async () => {
    const lead = (await trendsOf(fx.lead.api)).body;
    for (const api of [fx.co.api, reviewer]) {
      const res = await trendsOf(api);
      expect(res.status).toBe(200);
      expect(res.body.lines).toEqual(lead.lines);
    }
    for (const api of [otherLead, outsider]) {
      const res = await trendsOf(api);
      expect(res.status).toBe(404);
      expect(JSON.stringify(res.body)).not.toMatch(/Ana|Sam|Kit|Jo/);
    }
    expect((await fetch(`${fx.server.url}/api/groups/${fx.groupId}/trends`)).status).toBe(401);
  });
});

describe('[R28] what waits for whom', () => {
  const fields = { presentation: 'Calm.', participation: 'Spoke.', interventions: '', response: '', plan: 'Continue.' };

  it('a facilitator’s ended sessions wait for notes, then the signature; the session lists say where each stands', async () => {
    const first = ids[0]!;
    const items = await worklist(fx.lead.api);
    expect(items.map((i) => [i.sessionId, i.reason, i.state])).toEqual(ids.map((id) => [id, 'notes', 'needsSignature']));
    expect(items[0]).toMatchObject({ groupName: 'Tuesday anxiety group', notes: { written: 0, due: 3 } });
    expect((await worklist(fx.co.api)).map((i) => i.sessionId)).toEqual(ids);

    for (const name of ['Sam', 'Ana', 'Kit']) {
      const saved = await fx.co.api.put(`/api/sessions/${first}/progress-notes/${fx.member[name]}`, { baseVersion: 0, fields });
      expect(saved.status).toBe(200);
    }
    expect((await worklist(fx.lead.api))[0]).toMatchObject({ sessionId: first, reason: 'sign', notes: { written: 3, due: 3 } });

    expect((await fx.lead.api.post(`/api/sessions/${first}/sign`, {})).status).toBe(201);
    expect((await worklist(fx.lead.api)).map((i) => i.sessionId)).not.toContain(first);
    expect((await worklist(fx.co.api)).map((i) => i.sessionId)).not.toContain(first);
    const listed = (await fx.lead.api.get('/api/sessions')).body.sessions as { id: string; record: string }[];
    expect(listed.find((s) => s.id === first)?.record).toBe('signed');
    expect(listed.find((s) => s.id === ids[1])?.record).toBe('needsSignature');
    expect(listed.find((s) => s.id === fx.sessionId)?.record).toBe('lobby');
  });

  it('[D31] a reviewer has a signed record to read until they open it, and again after an addendum', async () => {
    const first = ids[0]!;
    expect((await worklist(reviewer)).map((i) => [i.sessionId, i.reason, i.state])).toEqual([[first, 'read', 'signed']]);
    expect((await reviewer.get(`/api/sessions/${first}/review`)).status).toBe(200);
    expect(await worklist(reviewer)).toEqual([]);

    clock.advance(60_000);
    expect((await fx.lead.api.post(`/api/sessions/${first}/addenda`, { text: 'Attendance checked.' })).status).toBe(201);
    expect((await worklist(reviewer)).map((i) => [i.sessionId, i.reason, i.state])).toEqual([[first, 'readAddendum', 'addendum']]);
    const groupList = (await reviewer.get(`/api/groups/${fx.groupId}/sessions`)).body.sessions as { id: string; record: string }[];
    expect(groupList.find((s) => s.id === first)?.record).toBe('addendum');
    // The lead's own read does not count as the reviewer's.
    expect((await fx.lead.api.get(`/api/sessions/${first}/review`)).status).toBe(200);
    expect(await worklist(reviewer)).toHaveLength(1);
  });

  it('nobody sees another’s work: an outsider and another group’s lead have nothing waiting', async () => {
    expect(await worklist(outsider)).toEqual([]);
    expect(await worklist(otherLead)).toEqual([]);
    expect((await fetch(`${fx.server.url}/api/me/worklist`)).status).toBe(401);
  });
});
