import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { apiClient, signIn } from '../support/http.js';
import { manualClock } from '../support/clock.js';
import { createAccount, startTestServer, type TestServer } from '../support/server.js';
import { CO, LEAD } from '../support/session-fixture.js';
import { cookieOf, raw } from './support.js';

let server: TestServer;
afterEach(() => server.close());

const NEWCOMER = { name: 'Ari Trainee', email: 'ari@example.org', password: 'a trainee password' };
const tokenOf = (url: string) => url.split('#/invites/')[1]!;

async function leadWithGroup() {
  await createAccount(server, LEAD);
  const lead = await signIn(server, LEAD.email, LEAD.password);
  const group = (await lead.post('/api/groups', { name: 'Grief group', members: [{ name: 'Sam' }] })).body.group;
  return { lead, groupId: group.id as string };
}

describe('co-facilitator invites', () => {
  it('[S15][S16] a lead invites; the link says what it is for, makes the account, the co-facilitator, and signs them in', async () => {
    server = await startTestServer();
    const { lead, groupId } = await leadWithGroup();
    const created = await lead.post(`/api/groups/${groupId}/invites`, {});
    expect(created.status).toBe(201);
    expect(created.body.url).toMatch(new RegExp(`^${server.url}/#/invites/[A-Za-z0-9_-]{43}$`));
    const token = tokenOf(created.body.url);
    // Only a hash is stored: a copy of the database does not hand out working links.
    const stored = server.db.prepare('SELECT token_hash FROM invites').all() as { token_hash: string }[];
    expect(stored).toEqual([{ token_hash: createHash('sha256').update(token).digest('hex') }]);

    const info = await raw(server, 'GET', `/api/invites/${token}`);
    expect(info.body).toMatchObject({ role: 'co-facilitator', invitedBy: LEAD.name });
    expect(JSON.stringify(info.body)).not.toContain('Grief'); // the group is named only once inside

    const accepted = await raw(server, 'POST', `/api/invites/${token}/accept`, NEWCOMER, { origin: server.url });
    expect(accepted.status).toBe(201);
    const newcomer = apiClient(server, cookieOf(accepted.setCookies));
    expect((await newcomer.get('/api/me')).body.user).toMatchObject({ email: NEWCOMER.email, admin: false });
    expect((await newcomer.get(`/api/groups/${groupId}`)).body.group).toMatchObject({ myRole: 'co' });

    const again = await raw(
      server,
      'POST',
      `/api/invites/${token}/accept`,
      { ...NEWCOMER, email: 'other@example.org' },
      { origin: server.url },
    );
    expect(again).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
    expect((await raw(server, 'GET', `/api/invites/${token}`)).status).toBe(404);
  });

  it('[S15] only the lead can invite; an expired or made-up link is refused', async () => {
    const clock = manualClock(Date.now());
    server = await startTestServer({ clock, config: { inviteTtlMs: 60 * 60_000 } });
    const { lead, groupId } = await leadWithGroup();
    const coAccount = await createAccount(server, CO);
    await lead.put(`/api/groups/${groupId}`, { name: 'Grief group', members: [{ name: 'Sam' }], coFacilitatorId: coAccount.id });
    const co = await signIn(server, CO.email, CO.password);
    expect((await co.post(`/api/groups/${groupId}/invites`, {})).status).toBe(403);

    const token = tokenOf((await lead.post(`/api/groups/${groupId}/invites`, {})).body.url);
    clock.advance(60 * 60_000 + 1);
    expect((await raw(server, 'GET', `/api/invites/${token}`)).status).toBe(404);
    expect((await raw(server, 'POST', `/api/invites/${token}/accept`, NEWCOMER, { origin: server.url })).status).toBe(404);
    expect((await raw(server, 'GET', `/api/invites/${'x'.repeat(43)}`)).status).toBe(404);
    expect((await raw(server, 'GET', '/api/invites/short')).status).toBe(404);
  });

  it('[S16][S24] an email that already has an account gets one answer that uses the link up; a weak password leaves it good', async () => {
    server = await startTestServer();
    const { lead, groupId } = await leadWithGroup();
    await createAccount(server, CO);
    const accept = (token: string, body: object) => raw(server, 'POST', `/api/invites/${token}/accept`, body, { origin: server.url });
    const token = tokenOf((await lead.post(`/api/groups/${groupId}/invites`, {})).body.url);
    const weak = await accept(token, { ...NEWCOMER, email: CO.email, password: 'aaaaaaaaaa' });
    expect(weak).toMatchObject({ status: 400, body: { code: 'BAD_REQUEST', message: expect.stringMatching(/too easy to guess/) } });
    const taken = await accept(token, { ...NEWCOMER, email: CO.email });
    expect(taken).toMatchObject({ status: 409, body: { code: 'NOT_ALLOWED', message: expect.stringMatching(/link is now used up/) } });
    expect(taken.body.message).not.toMatch(/already exists/);
    // One probe per link: the next try, with any email, finds the link gone.
    expect((await accept(token, NEWCOMER)).status).toBe(404);
    const fresh = tokenOf((await lead.post(`/api/groups/${groupId}/invites`, {})).body.url);
    expect((await accept(fresh, NEWCOMER)).status).toBe(201);
  });

  it('[S24] failed accepts are limited per link and per address', async () => {
    const signIn = { windowMs: 15 * 60_000, failuresPerAccount: 3, failuresPerAddress: 6, slowAfter: 100, delayStepMs: 0, maxDelayMs: 0 };
    server = await startTestServer({ config: { signIn } });
    const { lead, groupId } = await leadWithGroup();
    const accept = (token: string, body: object) => raw(server, 'POST', `/api/invites/${token}/accept`, body, { origin: server.url });
    const token = tokenOf((await lead.post(`/api/groups/${groupId}/invites`, {})).body.url);
    for (let i = 0; i < 3; i++) expect((await accept(token, { ...NEWCOMER, password: 'aaaaaaaaaa' })).status).toBe(400);
    const limited = await accept(token, NEWCOMER);
    expect(limited).toMatchObject({ status: 429, body: { code: 'RATE_LIMITED' } });
    expect(limited.headers.get('retry-after')).toBeTruthy();
    // Made-up links from the same address use up the address's allowance (6 failures in all).
    expect((await accept('x'.repeat(43), NEWCOMER)).status).toBe(404);
    expect((await accept('y'.repeat(43), NEWCOMER)).status).toBe(404);
    const fresh = tokenOf((await lead.post(`/api/groups/${groupId}/invites`, {})).body.url);
    expect((await accept(fresh, NEWCOMER)).status).toBe(429);
  });
});
