import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultConfig } from '../../server/config.js';
import { passwordStep, raw } from '../security/support.js';
import { LEAD } from '../support/session-fixture.js';
import { auditEntries, clinic, type Clinic } from './support.js';

let c: Clinic;
afterEach(() => c?.close());

const failuresOf = async (action: string) => (await auditEntries(c)).filter((e) => e.action === action);

describe('failed sign-ins in the audit log', () => {
  it('[D2][D17] a failed sign-in is recorded with the account (or a hash of an unknown email), route, status and address — never the password', async () => {
    c = await clinic();
    expect((await passwordStep(c.server, LEAD.email.toUpperCase(), 'Secret Guess One')).status).toBe(401);
    expect((await passwordStep(c.server, 'nobody@example.org', 'Secret Guess Two')).status).toBe(401);
    // Entries are written once the answer has gone out: wait for them, not for a time.
    await vi.waitFor(async () => expect(await failuresOf('auth.sign-in.failed')).toHaveLength(2));
    const [known, unknown] = await failuresOf('auth.sign-in.failed');
    expect(known).toMatchObject({
      actorId: 'anonymous',
      actorName: null,
      subjectType: 'user',
      subjectId: c.ids.lead,
      detail: { route: '/sign-in/email', status: 401 },
      address: expect.stringMatching(/127\.0\.0\.1$/),
    });
    // The address is kept once, in its own column, not again in the detail (D20).
    expect(known.detail.address).toBeUndefined();
    expect(known.detail.emailHash).toBeUndefined();
    expect(unknown).toMatchObject({
      subjectId: null,
      detail: { route: '/sign-in/email', status: 401, emailHash: createHash('sha256').update('nobody@example.org').digest('hex') },
    });
    const stored = JSON.stringify(c.server.db.prepare('SELECT * FROM audit_log').all());
    for (const secret of ['Secret Guess', 'nobody@example.org']) expect(stored).not.toContain(secret);
  });

  it('[D2][D17] failed unlocks and 2FA password checks are recorded too, and a lock-out once per window', async () => {
    const signIn = { ...defaultConfig().signIn, failuresPerAccount: 2, slowAfter: 100, delayStepMs: 0 };
    c = await clinic({ config: { signIn } });
    await c.lead.post('/api/lock', {});
    expect((await c.lead.post('/api/unlock', { password: 'not the password' })).status).toBe(403);
    const uri = await raw(
      c.server,
      'POST',
      '/api/auth/two-factor/get-totp-uri',
      { password: 'not it either' },
      { cookie: c.lead.cookie, origin: c.server.url },
    );
    expect(uri.status).toBe(400);
    for (let i = 0; i < 3; i++) expect((await passwordStep(c.server, LEAD.email, LEAD.password)).status).toBe(429);
    await vi.waitFor(async () => expect(await failuresOf('auth.lockout')).toHaveLength(1));
    await vi.waitFor(async () => expect(await failuresOf('auth.sign-in.failed')).toHaveLength(2));
    const failed = await failuresOf('auth.sign-in.failed');
    expect(failed.map((e) => [e.subjectId, e.detail.route, e.detail.status])).toEqual([
      [c.ids.lead, '/api/unlock', 403],
      [c.ids.lead, '/two-factor/get-totp-uri', 400],
    ]);
    expect(await failuresOf('auth.lockout')).toMatchObject([
      { actorId: 'anonymous', subjectId: c.ids.lead, detail: { by: 'account', route: '/sign-in/email' } },
    ]);
  });
});
