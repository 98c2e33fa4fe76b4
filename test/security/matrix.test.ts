import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type ApiClient } from '../support/http.js';
import { listRoutes } from '../support/routes.js';
import { createAccount, startTestServer, type TestServer } from '../support/server.js';
import { connectSocket } from '../support/sockets.js';
import { join, send } from '../support/session-fixture.js';
import { MATRIX, ROLES, type Ids, type Role, type SignedInRole } from './matrix.js';

const PASSWORD = 'matrix password 123';
const GROUP_NAME = 'Matrix group';
const MEMBER_NAMES = ['Sam', 'Ana', 'Zed', 'Yul'];
let server: TestServer;
let ids: Ids;
const accounts = {} as Record<SignedInRole | 'reviewer2' | 'target', { id: string; email: string }>;
const clients = {} as Record<SignedInRole, ApiClient>;

const request = async (role: Role, method: string, path: string, body: unknown, client?: ApiClient) => {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      origin: server.url,
      ...(role === 'signedOut' ? {} : { cookie: (client ?? clients[role]).cookie }),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, text: await res.text() };
};

beforeAll(async () => {
  server = await startTestServer();
  for (const role of ['admin', 'lead', 'co', 'reviewer', 'reviewer2', 'target', 'outsider'] as const) {
    const email = `${role}@example.org`;
    accounts[role] = {
      ...(await createAccount(server, { name: `The ${role}`, email, password: PASSWORD, admin: role === 'admin' })),
      email,
    };
  }
  for (const role of ROLES) if (role !== 'signedOut') clients[role] = await signIn(server, accounts[role].email, PASSWORD);
  const lead = clients.lead;
  const group = (
    await lead.post('/api/groups', { name: GROUP_NAME, members: MEMBER_NAMES.map((name) => ({ name })), coFacilitatorId: accounts.co.id })
  ).body.group;
  expect((await lead.post(`/api/groups/${group.id}/reviewers`, { userId: accounts.reviewer.id })).status).toBe(201);
  const live = (await lead.post(`/api/groups/${group.id}/sessions`, {})).body.session.id;
  const endedId = (await lead.post(`/api/groups/${group.id}/sessions`, {})).body.session.id;
  const socket = await connectSocket(server, lead.cookie);
  await join(socket, endedId);
  const sam = group.members[0].id;
  await send(socket, endedId, { type: 'attendance.mark', memberId: sam, mark: 'present' });
  await send(socket, endedId, { type: 'session.start' });
  await send(socket, endedId, { type: 'note.add', text: 'A private observation', memberId: sam, private: false });
  expect(await send(socket, endedId, { type: 'session.end' })).toMatchObject({ ok: true });
  socket.disconnect();
  ids = {
    groupId: group.id,
    liveSessionId: live,
    endedSessionId: endedId,
    eraseMemberIds: { admin: group.members[2].id, lead: group.members[3].id },
    reviewer2Id: accounts.reviewer2.id,
    coId: accounts.co.id,
    targetId: accounts.target.id,
    members: group.members.map((m: { id: string; name: string }) => ({ id: m.id, name: m.name })),
  };
});
afterAll(() => server.close());

describe('[S19] the authorization matrix', () => {
  it('lists every route the server answers, and nothing it does not', () => {
    const served = listRoutes(server.app.express);
    expect(served.filter((r) => !(r in MATRIX))).toEqual([]);
    expect(Object.keys(MATRIX).filter((r) => !served.includes(r))).toEqual([]);
  });

  it('is written down in docs/security.md, route by route', () => {
    const doc = fs.readFileSync('docs/security.md', 'utf8');
    const missing = Object.keys(MATRIX).filter((r) => !r.includes('/api/auth/') && !doc.includes(`\`${r}\``));
    expect(missing).toEqual([]);
  });

  const routes = Object.entries(MATRIX).filter(([, entry]) => entry.access !== 'auth-library');
  it.each(routes)('%s', async (route, entry) => {
    const [method, template] = route.split(' ') as [string, string];
    const outcomes: Record<string, number> = {};
    for (const role of ROLES) {
      // Locking a sign-in is tested on a sign-in of its own, so the other rows keep theirs.
      const client = route === 'POST /api/lock' && role !== 'signedOut' ? await signIn(server, accounts[role].email, PASSWORD) : undefined;
      const path = entry.path?.(ids, role) ?? template;
      const { status, text } = await request(role, method, path, entry.body?.(ids, role), client);
      outcomes[role] = status;
      expect(status, `${role}: ${text.slice(0, 200)}`).toBeLessThan(500);
      if (entry.access === 'public' || entry.access === 'auth-library') continue;
      if (role === 'signedOut') expect(status, 'signed out').toBe(401);
      else if (entry.access.includes(role)) expect([401, 403, 404], `${role} is allowed: ${text.slice(0, 200)}`).not.toContain(status);
      else {
        expect([403, 404], `${role} is refused`).toContain(status);
        for (const name of [...MEMBER_NAMES, GROUP_NAME, 'A private observation'])
          expect(text, `${role}'s refusal leaks`).not.toContain(name);
      }
    }
    if (entry.access === 'public') expect(new Set(Object.values(outcomes)).size, JSON.stringify(outcomes)).toBe(1);
  });

  it("better-auth's account endpoints need a sign-in, and public sign-up is off", async () => {
    expect((await request('signedOut', 'POST', '/api/auth/two-factor/enable', { password: PASSWORD })).status).toBe(401);
    expect(
      (await request('signedOut', 'POST', '/api/auth/change-password', { currentPassword: PASSWORD, newPassword: 'x'.repeat(12) })).status,
    ).toBe(401);
    expect(
      (await request('signedOut', 'POST', '/api/auth/sign-up/email', { name: 'E', email: 'e@example.org', password: PASSWORD })).status,
    ).toBe(404);
  });
});

describe('[S19] the socket matrix', () => {
  it('refuses a signed-out handshake', async () => {
    await expect(connectSocket(server, null)).rejects.toMatchObject({ data: { code: 'UNAUTHENTICATED' } });
  });

  it.each(['outsider', 'admin', 'reviewer', 'co', 'lead'] as const)('%s: join and command a live session', async (role) => {
    const socket = await connectSocket(server, clients[role].cookie);
    const joined = await join(socket, ids.liveSessionId);
    const acted = await send(socket, ids.liveSessionId, { type: 'signal.send', kind: 'fiveMinutes' });
    const readEnded = await join(socket, ids.endedSessionId);
    socket.disconnect();
    if (role === 'lead' || role === 'co') {
      expect(joined).toMatchObject({ ok: true });
      expect(acted).toMatchObject({ ok: true });
      expect(readEnded).toMatchObject({ ok: true });
    } else {
      // A reviewer reads reviews over REST; no one else may even watch a session.
      expect(joined).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      expect(acted).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      expect(readEnded).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      expect(JSON.stringify([joined, acted, readEnded])).not.toContain('Sam');
    }
  });

  it('a reviewer reads the review of the group it reviews, but not the live state', async () => {
    const reviewer = clients.reviewer;
    expect((await reviewer.get(`/api/sessions/${ids.endedSessionId}/review`)).status).toBe(200);
    expect((await reviewer.get(`/api/sessions/${ids.liveSessionId}`)).status).toBe(404);
    const groups = (await reviewer.get('/api/groups')).body.groups;
    expect(groups.find((g: { id: string }) => g.id === ids.groupId)).toMatchObject({ myRole: 'reviewer' });
  });
});
