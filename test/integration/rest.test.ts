import { afterEach, describe, expect, it } from 'vitest';
import { apiClient, signIn } from '../support/http.js';
import { createAccount, startTestServer, type TestServer } from '../support/server.js';
import { CO, LEAD } from '../support/session-fixture.js';
import { ERROR_CODES } from '../../shared/protocol.js';

let server: TestServer;
afterEach(() => server.close());

const post = (path: string, body: unknown) =>
  fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.url },
    body: JSON.stringify(body),
  });

describe('REST', () => {
  it('[R4] the first account is created once, as an admin, and signed in', async () => {
    server = await startTestServer();
    expect(await (await fetch(`${server.url}/api/setup`)).json()).toEqual({ needsFirstAccount: true });
    const first = await post('/api/setup', LEAD);
    expect(first.status).toBe(201);
    const cookie = first.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    expect(first.headers.getSetCookie().join()).toMatch(/HttpOnly/i);
    const me = await apiClient(server, cookie).get('/api/me');
    expect(me.body.user).toMatchObject({ name: LEAD.name, email: LEAD.email, admin: true });
    expect(await (await fetch(`${server.url}/api/setup`)).json()).toEqual({ needsFirstAccount: false });
    const second = await post('/api/setup', CO);
    expect(second.status).toBe(409);
    expect(await second.json()).toMatchObject({ code: 'NOT_ALLOWED' });
  });

  it('[R2][R6] routes need a signed-in account; public sign-up is off; only an admin adds accounts', async () => {
    server = await startTestServer();
    expect((await fetch(`${server.url}/api/groups`)).status).toBe(401);
    expect(await (await fetch(`${server.url}/api/me`)).json()).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect((await post('/api/auth/sign-up/email', { name: 'Eve', email: 'eve@example.org', password: 'password12345' })).status).toBe(404);
    await createAccount(server, { ...LEAD, admin: true });
    await createAccount(server, CO);
    const admin = await signIn(server, LEAD.email, LEAD.password);
    const co = await signIn(server, CO.email, CO.password);
    const added = await admin.post('/api/accounts', { name: 'Sky Ito', email: 'sky@example.org', password: 'a long enough one' });
    expect(added.status).toBe(201);
    expect(added.body.user).toMatchObject({ name: 'Sky Ito', admin: false });
    expect((await admin.post('/api/accounts', { name: 'Sky Ito', email: 'sky@example.org', password: 'a long enough one' })).status).toBe(
      409,
    );
    expect((await co.post('/api/accounts', { name: 'Max', email: 'max@example.org', password: 'a long enough one' })).status).toBe(403);
    expect((await signIn(server, 'sky@example.org', 'a long enough one')).cookie).toMatch(/session_token/);
    await expect(signIn(server, 'sky@example.org', 'wrong password!')).rejects.toThrow(/401/);
  });

  it('[R3][R5][R7] groups: billing code default, roster in seat order, caps, lead-only edits, invisible to others', async () => {
    server = await startTestServer();
    const coAccount = await createAccount(server, CO);
    await createAccount(server, LEAD);
    await createAccount(server, { name: 'Outsider', email: 'out@example.org', password: 'outside the group' });
    const lead = await signIn(server, LEAD.email, LEAD.password);
    const co = await signIn(server, CO.email, CO.password);
    const outsider = await signIn(server, 'out@example.org', 'outside the group');

    const created = await lead.post('/api/groups', {
      name: 'Grief group',
      members: [{ name: 'Sam' }, { name: 'A.K.' }],
      coFacilitatorId: coAccount.id,
    });
    expect(created.status).toBe(201);
    const group = created.body.group;
    expect(group).toMatchObject({
      billingCode: '90853',
      myRole: 'lead',
      members: [
        { name: 'Sam', seat: 0 },
        { name: 'A.K.', seat: 1 },
      ],
    });

    const tooLong = await lead.post('/api/groups', { name: 'g'.repeat(81), members: [{ name: 'n'.repeat(41) }], extra: true });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.code).toBe('BAD_REQUEST');
    expect(tooLong.body.issues.map((i: { path: string }) => i.path).sort()).toEqual(['', 'members.0.name', 'name']);

    // Reorder and rename: ids are kept, seats follow the order sent.
    const [sam, ak] = group.members;
    const edited = await lead.put(`/api/groups/${group.id}`, {
      name: 'Grief group (Tue)',
      members: [{ id: ak.id, name: 'A.K.' }, { id: sam.id, name: 'Sam' }, { name: 'Jo' }],
      coFacilitatorId: coAccount.id,
    });
    expect(edited.body.group.members.map((m: { id: string; name: string }) => m.name)).toEqual(['A.K.', 'Sam', 'Jo']);
    expect(edited.body.group.members[1].id).toBe(sam.id);

    expect((await co.get(`/api/groups/${group.id}`)).body.group.myRole).toBe('co');
    expect((await co.put(`/api/groups/${group.id}`, { name: 'Mine now' })).status).toBe(403);
    expect((await outsider.get(`/api/groups/${group.id}`)).status).toBe(404);
    expect((await outsider.get('/api/groups')).body.groups).toEqual([]);
    expect((await outsider.post(`/api/groups/${group.id}/sessions`, {})).status).toBe(404);
  });

  it('[R8] sessions: planned with default minutes, listed for both facilitators, log readable', async () => {
    server = await startTestServer();
    const coAccount = await createAccount(server, CO);
    await createAccount(server, LEAD);
    const lead = await signIn(server, LEAD.email, LEAD.password);
    const co = await signIn(server, CO.email, CO.password);
    const group = (await lead.post('/api/groups', { name: 'Skills group', members: [{ name: 'Sam' }] })).body.group;
    const planned = await lead.post(`/api/groups/${group.id}/sessions`, {
      plan: { phaseMinutes: { sharing: 25 }, skill: 'Box breathing' },
      coFacilitatorId: coAccount.id,
    });
    expect(planned.status).toBe(201);
    expect(planned.body.session).toMatchObject({ status: 'lobby', version: 0, coFacilitatorId: coAccount.id });
    const read = await co.get(`/api/sessions/${planned.body.session.id}`);
    expect(read.body.update.state.context.plan).toEqual({
      phaseMinutes: { introduction: 10, sharing: 25, facilitation: 20, skillDevelopment: 15, feedback: 10 },
      turnAllotmentSeconds: 120,
      skill: 'Box breathing',
      exercise: null, // none planned (P48)
    });
    expect((await co.get('/api/sessions')).body.sessions).toMatchObject([{ id: planned.body.session.id, groupName: 'Skills group' }]);
    expect((await co.get(`/api/sessions/${planned.body.session.id}/log`)).body).toEqual({
      sessionId: planned.body.session.id,
      entries: [],
      notice: null,
    });
    const badPlan = await lead.post(`/api/groups/${group.id}/sessions`, { plan: { phaseMinutes: { sharing: -1 } } });
    expect(badPlan.status).toBe(400);
    const notJson = await fetch(`${server.url}/api/groups`, {
      method: 'POST',
      headers: { cookie: lead.cookie, origin: server.url, 'content-type': 'application/json' },
      body: '{nope',
    });
    expect(notJson.status).toBe(400);
    expect((await lead.get('/api/nothing-here')).status).toBe(404);
  });

  it('[R1] every REST error is { code, message, issues? } with a code of the table and its status', async () => {
    server = await startTestServer();
    await createAccount(server, { ...LEAD, admin: true });
    await createAccount(server, CO);
    const lead = await signIn(server, LEAD.email, LEAD.password);
    const co = await signIn(server, CO.email, CO.password);
    const group = (await lead.post('/api/groups', { name: 'Errors group', members: [{ name: 'Sam' }] })).body.group;
    const raw = async (path: string, init: RequestInit) => {
      const res = await fetch(`${server.url}${path}`, init);
      return { status: res.status, body: await res.json() };
    };
    const json = { 'content-type': 'application/json', origin: server.url };
    const errors = {
      badBody: await lead.post('/api/groups', { name: '', surprise: true }),
      notJson: await raw('/api/groups', { method: 'POST', headers: { ...json, cookie: lead.cookie }, body: '{nope' }),
      tooLarge: await raw('/api/groups', {
        method: 'POST',
        headers: { ...json, cookie: lead.cookie },
        body: JSON.stringify({ name: 'x'.repeat(70_000) }),
      }),
      signedOut: await raw('/api/groups', { headers: { origin: server.url } }),
      notAdmin: await co.post('/api/accounts', { name: 'Sky Ito', email: 'sky@example.org', password: 'a long enough one' }),
      notYours: await co.get(`/api/groups/${group.id}`),
      setupTwice: await raw('/api/setup', { method: 'POST', headers: json, body: JSON.stringify(CO) }),
      // A path parameter whose escapes do not decode: the client's mistake, not INTERNAL.
      undecodable: await lead.get(`/api/groups/${group.id}%`),
    };
    const expected = {
      badBody: [400, 'BAD_REQUEST'],
      notJson: [400, 'BAD_REQUEST'],
      tooLarge: [413, 'BAD_REQUEST'],
      signedOut: [401, 'UNAUTHENTICATED'],
      notAdmin: [403, 'FORBIDDEN'],
      notYours: [404, 'NOT_FOUND'],
      setupTwice: [409, 'NOT_ALLOWED'],
      undecodable: [400, 'BAD_REQUEST'],
    };
    for (const [name, { status, body }] of Object.entries(errors)) {
      const [wantStatus, wantCode] = expected[name as keyof typeof expected];
      expect({ name, status, code: body.code }).toEqual({ name, status: wantStatus, code: wantCode });
      expect(
        Object.keys(body).filter((k) => !['code', 'message', 'issues'].includes(k)),
        name,
      ).toEqual([]);
      expect(body.code in ERROR_CODES, name).toBe(true);
      expect(body.message, name).toMatch(/^[A-Z].+\.$/);
    }
    // Only a body that fails its schema lists the fields, as { path, message }, paths only.
    expect(errors.badBody.body.issues.length).toBeGreaterThanOrEqual(2);
    for (const issue of errors.badBody.body.issues) expect(Object.keys(issue).sort()).toEqual(['message', 'path']);
    expect(errors.badBody.body.issues.map((i: { path: string }) => i.path)).toContain('name');
    expect(errors.notAdmin.body.issues).toBeUndefined();
  });

  it('the shapes protocol §13 writes: /api/me, a group with substanceUse, reviewers, and the bodiless 204s of lock and unlock', async () => {
    server = await startTestServer();
    await createAccount(server, { ...LEAD, admin: true });
    const coAccount = await createAccount(server, CO);
    const reviewerAccount = await createAccount(server, { name: 'Rae Viewer', email: 'rae@example.org', password: 'a long enough one' });
    const lead = await signIn(server, LEAD.email, LEAD.password);
    const co = await signIn(server, CO.email, CO.password);
    const reviewer = await signIn(server, 'rae@example.org', 'a long enough one');

    const me = await lead.get('/api/me');
    expect(me.body).toEqual({
      user: { id: expect.any(String), name: LEAD.name, email: LEAD.email, admin: true },
      twoFactorEnabled: false,
      mustEnrolTwoFactor: false,
      locked: false,
      mustChangePassword: false,
    });

    const created = (
      await lead.post('/api/groups', {
        name: 'Recovery group',
        members: [{ name: 'Sam' }],
        coFacilitatorId: coAccount.id,
        substanceUse: true,
        safetySteps: 'Robin stays with the group. Dana steps out with the member. Crisis line: 988.',
      })
    ).body.group;
    expect(Object.keys(created).sort()).toEqual([
      'agreements',
      'billingCode',
      'coFacilitatorId',
      'focus',
      'id',
      'leadId',
      'members',
      'myRole',
      'name',
      'ratingItems',
      'safetySteps',
      'substanceUse',
      'trendSettings',
    ]);
    expect(created).toMatchObject({ substanceUse: true, myRole: 'lead', safetySteps: expect.stringContaining('988') });
    // PUT replaces the group, except substanceUse and safetySteps, which stay as they were when left out.
    const replaced = (
      await lead.put(`/api/groups/${created.id}`, { name: 'Recovery group', members: [{ id: created.members[0].id, name: 'Sam' }] })
    ).body.group;
    expect(replaced).toMatchObject({ substanceUse: true, coFacilitatorId: null, safetySteps: expect.stringContaining('988') });

    const granted = await lead.post(`/api/groups/${created.id}/reviewers`, { userId: reviewerAccount.id });
    expect(granted).toEqual({ status: 201, body: { userId: reviewerAccount.id } });
    const listed = (await lead.get(`/api/groups/${created.id}/reviewers`)).body;
    expect(listed).toEqual({
      reviewers: [{ userId: reviewerAccount.id, name: 'Rae Viewer', grantedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/) }],
    });
    expect((await lead.post(`/api/groups/${created.id}/reviewers`, { userId: reviewerAccount.id })).body).toMatchObject({
      code: 'NOT_ALLOWED',
    });
    expect((await reviewer.get('/api/groups')).body.groups).toMatchObject([{ id: created.id, myRole: 'reviewer' }]);
    const revoke = await fetch(`${server.url}/api/groups/${created.id}/reviewers/${reviewerAccount.id}`, {
      method: 'DELETE',
      headers: { cookie: lead.cookie, origin: server.url },
    });
    expect({ status: revoke.status, body: await revoke.text() }).toEqual({ status: 204, body: '' });
    expect((await co.get(`/api/groups/${created.id}`)).status).toBe(404); // removed as co by the PUT above

    expect(await lead.post('/api/lock', {})).toEqual({ status: 204, body: null });
    expect((await lead.get('/api/me')).body).toMatchObject({ locked: true });
    expect(await lead.post('/api/unlock', { password: 'not it at all' })).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
    expect(await lead.post('/api/unlock', { password: LEAD.password })).toEqual({ status: 204, body: null });
    expect((await lead.get('/api/me')).body).toMatchObject({ locked: false });
  });
});
