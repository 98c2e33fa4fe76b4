import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, auditEntries, clinic, makeGroup, type Clinic } from '../privacy/support.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { CO, LEAD } from '../support/session-fixture.js';
import { raw } from './support.js';

let c: Clinic | null = null;
let fresh: TestServer | null = null;
afterEach(async () => {
  await c?.close();
  await fresh?.close();
  c = fresh = null;
});

/** Names no account may have: too long, NUL, a bidi override, an isolate, zero-width, a line break. */
const BAD_NAMES = [
  'x'.repeat(81),
  'Dana\u0000Lee',
  'Dana \u202Egnp.exe',
  'Dana \u2066Lee\u2069',
  'Da\u200Bna',
  'Dana\nLee',
  '\uFEFFDana',
  'A\u200Dna',
];

const updateUser = (cookie: string, body: unknown) =>
  raw(c!.server, 'POST', '/api/auth/update-user', body, { cookie, origin: c!.server.url });

describe('staff names', () => {
  it('[S40] update-user refuses a 50 MB name with 413 before better-auth reads it, and colleagues stay small', async () => {
    c = await clinic();
    const huge = await updateUser(c.co.cookie, { name: 'x'.repeat(50 * 1024 * 1024) }).catch((error: Error) => ({
      status: 0,
      body: String(error),
    }));
    expect(huge.status).toBe(413);
    const big = await updateUser(c.co.cookie, { name: 'x'.repeat(20_000) });
    expect(big.status).toBe(413);
    // Any other body type better-auth might read is refused outright.
    const text = await raw(c.server, 'POST', '/api/auth/update-user', undefined, {
      cookie: c.co.cookie,
      origin: c.server.url,
      'content-type': 'text/plain',
    });
    expect(text.status).toBeLessThan(500);
    const facilitators = await c.lead.get('/api/facilitators');
    expect(JSON.stringify(facilitators.body).length).toBeLessThan(1000);
    expect(facilitators.body.facilitators.find((f: { id: string }) => f.id === c!.ids.co).name).toBe(CO.name);
  });

  it.each(BAD_NAMES.map((name) => [JSON.stringify(name).slice(0, 24), name]))(
    '[S40] update-user refuses the name %s, and a person reads why',
    async (_label, name) => {
      c = await clinic();
      const res = await updateUser(c.co.cookie, { name });
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(/Names cannot contain|at most 80 characters/);
      expect((await c.lead.get('/api/facilitators')).body.facilitators.find((f: { id: string }) => f.id === c!.ids.co).name).toBe(CO.name);
    },
  );

  it('[S40] a plain rename within the rules still works, and pictures are refused', async () => {
    c = await clinic();
    expect((await updateUser(c.co.cookie, { name: 'Robin Park-Ōta 🙂‍↔️' })).status).toBe(200);
    expect((await updateUser(c.co.cookie, { image: 'x'.repeat(10_000) })).status).toBe(400);
  });

  it("[S40] the same rule holds for setup, an admin's new account and an accepted invite", async () => {
    fresh = await startTestServer();
    const setup = await raw(
      fresh,
      'POST',
      '/api/setup',
      { name: 'Dana \u202Eeel', email: 'first@example.org', password: 'a long first password' },
      { origin: fresh.url },
    );
    expect(setup.status).toBe(400);
    expect(JSON.stringify(setup.body)).toMatch(/Names cannot contain invisible or direction-changing characters/);

    c = await clinic();
    for (const name of BAD_NAMES) {
      expect((await c.admin.post('/api/accounts', { name, email: 'new@example.org', password: 'a long enough one' })).status).toBe(400);
    }
    const { groupId } = await makeGroup(c, ['Sam']);
    const invite = await c.lead.post(`/api/groups/${groupId}/invites`, {});
    const token = new URL(invite.body.url).hash.split('/').pop()!;
    const accepted = await raw(
      c.server,
      'POST',
      `/api/invites/${token}/accept`,
      { name: 'Ari\u0000', email: 'ari@example.org', password: 'a trainee password' },
      { origin: c.server.url },
    );
    expect(accepted.status).toBe(400);
  });

  it('[S40] the audit view shows the actor as named when the entry was written: renaming oneself relabels nothing', async () => {
    c = await clinic();
    expect((await c.admin.put('/api/admin/retention', { retentionDays: 365 })).status).toBe(200);
    expect((await updateUser(c.admin.cookie, { name: 'Someone Else' })).status).toBe(200);
    expect((await c.admin.put('/api/admin/retention', { retentionDays: null })).status).toBe(200);
    const changes = (await auditEntries(c)).filter((e) => e.action === 'settings.retention');
    expect(changes.map((e) => e.actorName)).toEqual([ADMIN.name, 'Someone Else']);
    const csv = await fetch(`${c.server.url}/api/audit.csv?from=2000-01-01&to=2100-01-01`, { headers: { cookie: c.admin.cookie } }).then(
      (r) => r.text(),
    );
    expect(csv).toContain(ADMIN.name);
    void LEAD;
  });
});
