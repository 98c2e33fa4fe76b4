import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract } from '../../shared/rest/contract.js';
import { pathOf, type RestRoute } from '../../shared/rest/route.js';
import { apiClient, signIn, type ApiClient } from '../support/http.js';
import { createAccount, startTestServer, type TestServer } from '../support/server.js';
import { CO, LEAD, MEMBERS } from '../support/session-fixture.js';

/**
 * Real answers of a real server parse with their routes' response schemas (R9): the contract the
 * client is typed by is what the server sends. And a request that fails its schemas is answered
 * in R1's shape, in words.
 */

let server: TestServer;
let lead: ApiClient;
let groupId: string;
let sessionId: string;

beforeAll(async () => {
  server = await startTestServer();
  await createAccount(server, { ...LEAD, admin: true });
  await createAccount(server, CO);
  lead = await signIn(server, LEAD.email, LEAD.password);
  const group = await lead.post(pathOf(contract.createGroup), { name: 'Tuesday group', members: MEMBERS.map((name) => ({ name })) });
  groupId = group.body.group.id;
  const session = await lead.post(pathOf(contract.createSession, { groupId }), { plan: { skill: 'Box breathing' } });
  sessionId = session.body.session.id;
});
afterAll(() => server.close());

/** GETs this account may make, with what they are called with. */
const reads = (): [RestRoute, Record<string, string>][] => [
  [contract.health, {}],
  [contract.getSetup, {}],
  [contract.getNetwork, {}],
  [contract.getMe, {}],
  [contract.listFacilitators, {}],
  [contract.listGroups, {}],
  [contract.getGroup, { groupId }],
  [contract.listGroupSessions, { groupId }],
  [contract.listMySessions, {}],
  [contract.getSession, { sessionId }],
  [contract.getSessionLog, { sessionId }],
  [contract.getReview, { sessionId }],
  [contract.getGroupReview, { groupId }],
  [contract.listReviewers, { groupId }],
  [contract.getSettings, {}],
  [contract.listMySignIns, {}],
  [contract.listAccounts, {}],
  [contract.getAudit, {}],
  [contract.getRetention, {}],
];

describe('the REST contract against a real server', () => {
  it('[R9] every answer of a sample of real routes parses with its response schema', async () => {
    for (const [route, params] of reads()) {
      const { status, body } = await lead.get(pathOf(route, params));
      expect(status, route.path).toBe(route.status);
      const parsed = route.response.safeParse(body);
      expect(parsed.success ? [] : parsed.error.issues, route.path).toEqual([]);
    }
    // Writes answer by their schemas too.
    const co = await lead.get(pathOf(contract.listFacilitators));
    const coId = co.body.facilitators[0].id;
    const granted = await lead.post(pathOf(contract.addReviewer, { groupId }), { userId: coId });
    expect(contract.addReviewer.response.safeParse(granted.body).success).toBe(true);
    const edited = await lead.put(pathOf(contract.updateGroup, { groupId }), { name: 'Tuesday group', members: [{ name: 'Sam' }] });
    expect(edited.status).toBe(200);
    expect(contract.updateGroup.response.safeParse(edited.body).success).toBe(true);
  });

  it('[R9][R1] a body that fails its schema is refused in words, with the fields; a malformed id is a 404', async () => {
    const long = await lead.post(pathOf(contract.createGroup), { name: 'x'.repeat(81), extra: 1 });
    expect(long.status).toBe(400);
    expect(long.body).toMatchObject({ code: 'BAD_REQUEST' });
    expect(long.body.message).toMatch(/^The request was not understood \(.*field 'name' is too long, at most 80 characters.*\)\.$/);
    expect(long.body.message).toContain("field 'extra' is not expected");
    expect(long.body.issues.map((i: { path: string }) => i.path)).toEqual(expect.arrayContaining(['name']));
    const query = await lead.get(`${pathOf(contract.getAudit)}?from=yesterday`);
    expect(query.status).toBe(400);
    expect(query.body.message).toMatch(/^The address was not understood \(field 'from'/);
    const malformed = await lead.get('/api/groups/not%20an%20id');
    expect(malformed).toEqual({ status: 404, body: { code: 'NOT_FOUND', message: 'There is no such group.' } });
    // Signed out, the same route is still refused for want of a sign-in first (R2).
    expect((await apiClient(server, '').get(pathOf(contract.getGroup, { groupId }))).status).toBe(401);
  });
});
