import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, auditEntries, clinic, makeGroup, runSession, type Clinic } from '../privacy/support.js';
import { apiClient, signIn } from '../support/http.js';
import { CO, join, LEAD, send } from '../support/session-fixture.js';
import { connectSocket } from '../support/sockets.js';
import { passwordStep, raw } from './support.js';

let c: Clinic;
afterEach(() => c?.close());

const changePassword = (cookie: string, currentPassword: string, newPassword: string) =>
  raw(c.server, 'POST', '/api/auth/change-password', { currentPassword, newPassword }, { cookie, origin: c.server.url });

describe('the account lifecycle', () => {
  it('[S42] disabling signs the person out everywhere at once, closes their console, and refuses every way back in', async () => {
    c = await clinic();
    const { groupId, member } = await makeGroup(c, ['Sam']);
    const planned = await c.lead.post(`/api/groups/${groupId}/sessions`, {});
    const sessionId = planned.body.session.id;
    const coSocket = await connectSocket(c.server, c.co.cookie);
    expect(await join(coSocket, sessionId)).toMatchObject({ ok: true });
    const secondDevice = await signIn(c.server, CO.email, CO.password);
    const closed = new Promise<string>((resolve) => coSocket.once('disconnect', resolve));

    const disabled = await c.admin.post(`/api/accounts/${c.ids.co}/disable`, {});
    expect(disabled.status, JSON.stringify(disabled.body)).toBe(200);
    expect(disabled.body.account).toMatchObject({ id: c.ids.co, disabled: true, signIns: 0 });
    expect(await closed).toBe('io server disconnect');

    // Both devices are out; the password, the socket and a fresh sign-in are all refused.
    expect((await c.co.get('/api/me')).status).toBe(401);
    expect((await secondDevice.get('/api/groups')).status).toBe(401);
    await expect(connectSocket(c.server, c.co.cookie)).rejects.toMatchObject({ data: { code: 'UNAUTHENTICATED' } });
    const again = await passwordStep(c.server, CO.email, CO.password);
    expect(again.status).toBe(403);
    expect(again.body.message).toMatch(/disabled/);
    expect(again.cookie).not.toMatch(/session_token=[^;]+/);
    // A wrong password says nothing about the account being disabled.
    expect(JSON.stringify((await passwordStep(c.server, CO.email, 'not the password')).body)).not.toMatch(/disabled/);

    // The lead carries on; the disabled person keeps their name on the group's records.
    const leadSocket = await connectSocket(c.server, c.lead.cookie);
    expect(await join(leadSocket, sessionId)).toMatchObject({ ok: true });
    expect(await send(leadSocket, sessionId, { type: 'attendance.mark', memberId: member.Sam!, mark: 'present' })).toMatchObject({
      ok: true,
    });
    leadSocket.disconnect();
    const facilitators = (await c.lead.get('/api/facilitators')).body.facilitators.map((f: { id: string }) => f.id);
    expect(facilitators).not.toContain(c.ids.co);
    const accounts = (await c.admin.get('/api/accounts')).body.accounts;
    expect(accounts.find((a: { id: string }) => a.id === c.ids.co)).toMatchObject({ name: CO.name, disabled: true });

    // Enabled again: the same password works.
    expect((await c.admin.post(`/api/accounts/${c.ids.co}/enable`, {})).body.account).toMatchObject({ disabled: false });
    expect((await signIn(c.server, CO.email, CO.password).then((api) => api.get('/api/me'))).status).toBe(200);
    coSocket.disconnect();
  });

  it('[S42] a disabled account cannot finish a two-factor sign-in begun before it was disabled', async () => {
    c = await clinic();
    // The password step of an account with 2FA: then the admin disables it, then the code arrives.
    const { enableTwoFactor, totpNow } = await import('./support.js');
    const { totpURI } = await enableTwoFactor(c.server, c.co, CO.password);
    const step = await passwordStep(c.server, CO.email, CO.password);
    expect(step.body).toMatchObject({ twoFactorRedirect: true });
    expect((await c.admin.post(`/api/accounts/${c.ids.co}/disable`, {})).status).toBe(200);
    const verified = await raw(
      c.server,
      'POST',
      '/api/auth/two-factor/verify-totp',
      { code: await totpNow(totpURI) },
      { cookie: step.cookie, origin: c.server.url },
    );
    expect(verified.status).toBe(403);
    expect((await apiClient(c.server, step.cookie).get('/api/me')).status).toBe(401);
  });

  it('[S42] an admin cannot disable themselves or remove the last admin; others are refused every lifecycle route', async () => {
    c = await clinic();
    expect(await c.admin.post(`/api/accounts/${c.ids.admin}/disable`, {})).toMatchObject({ status: 409, body: { code: 'NOT_ALLOWED' } });
    expect(await c.admin.put(`/api/accounts/${c.ids.admin}/role`, { admin: false })).toMatchObject({
      status: 409,
      body: { message: /last admin/ },
    });
    // With a second admin, the first may step down; the second (now last) may not.
    expect((await c.admin.put(`/api/accounts/${c.ids.lead}/role`, { admin: true })).body.account).toMatchObject({ admin: true });
    expect((await c.admin.put(`/api/accounts/${c.ids.admin}/role`, { admin: false })).status).toBe(200);
    expect(await c.lead.put(`/api/accounts/${c.ids.lead}/role`, { admin: false })).toMatchObject({ status: 409 });
    expect(await c.lead.post(`/api/accounts/${c.ids.lead}/disable`, {})).toMatchObject({ status: 409 });
    for (const [method, path] of [
      ['post', 'disable'],
      ['post', 'enable'],
      ['post', 'reset-password'],
      ['post', 'sign-out-everywhere'],
    ] as const) {
      expect((await c.co[method](`/api/accounts/${c.ids.lead}/${path}`, {})).status).toBe(403);
    }
    expect((await c.co.put(`/api/accounts/${c.ids.co}/role`, { admin: true })).status).toBe(403);
    expect((await c.co.get('/api/accounts')).status).toBe(403);
    expect((await c.lead.post('/api/accounts/no-such-account/disable', {})).status).toBe(404);
  });

  it('[S43] a reset gives a temporary password once; the person is held until they choose a new one', async () => {
    c = await clinic();
    const oldSocket = await connectSocket(c.server, c.lead.cookie);
    const closed = new Promise<string>((resolve) => oldSocket.once('disconnect', resolve));
    const reset = await c.admin.post(`/api/accounts/${c.ids.lead}/reset-password`, {});
    expect(reset.status).toBe(200);
    const temporary: string = reset.body.temporaryPassword;
    expect(temporary).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
    expect(reset.body.account).toMatchObject({ mustChangePassword: true, signIns: 0 });
    expect(await closed).toBe('io server disconnect');
    expect((await c.lead.get('/api/me')).status).toBe(401);
    expect((await passwordStep(c.server, LEAD.email, LEAD.password)).status).toBe(401);
    // Nowhere else does the temporary password appear: not in the list, not in the audit.
    expect(JSON.stringify((await c.admin.get('/api/accounts')).body)).not.toContain(temporary);
    expect(JSON.stringify(await auditEntries(c))).not.toContain(temporary);

    const held = await signIn(c.server, LEAD.email, temporary);
    expect((await held.get('/api/me')).body).toMatchObject({ mustChangePassword: true });
    expect(await held.get('/api/groups')).toMatchObject({ status: 403, body: { code: 'PASSWORD_CHANGE_REQUIRED' } });
    await expect(connectSocket(c.server, held.cookie)).rejects.toMatchObject({ data: { code: 'PASSWORD_CHANGE_REQUIRED' } });

    const changed = await changePassword(held.cookie, temporary, 'my own new password 42');
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect((await held.get('/api/me')).body).toMatchObject({ mustChangePassword: false });
    expect((await held.get('/api/groups')).status).toBe(200);
    expect((await connectSocket(c.server, held.cookie)).connected).toBe(true);
    expect(await c.admin.post(`/api/accounts/${c.ids.admin}/reset-password`, {})).toMatchObject({ status: 409 });
  });

  it('[S42][S43] every lifecycle action is audited with actor, target and address, and the actor keeps the name they had', async () => {
    c = await clinic();
    await c.admin.post(`/api/accounts/${c.ids.co}/sign-out-everywhere`, {});
    await c.admin.post(`/api/accounts/${c.ids.co}/disable`, {});
    await c.admin.post(`/api/accounts/${c.ids.co}/enable`, {});
    await c.admin.put(`/api/accounts/${c.ids.co}/role`, { admin: true });
    await c.admin.post(`/api/accounts/${c.ids.co}/reset-password`, {});
    const entries = (await auditEntries(c)).filter((e) => e.action.startsWith('account.'));
    expect(entries.map((e) => e.action)).toEqual([
      'account.sign-out-everywhere',
      'account.disable',
      'account.sign-out-everywhere',
      'account.enable',
      'account.role',
      'account.password-reset',
      'account.sign-out-everywhere',
    ]);
    for (const e of entries)
      expect(e).toMatchObject({
        actorId: c.ids.admin,
        actorName: ADMIN.name,
        subjectType: 'user',
        subjectId: c.ids.co,
        address: expect.stringMatching(/127\.0\.0\.1/),
      });
    for (const e of entries) expect(e.detail.address).toBeUndefined();
    expect(entries[0].detail.signIns).toBe(1);
    expect(entries.find((e) => e.action === 'account.role').detail.admin).toBe(true);
  });
});

describe('my own sign-ins', () => {
  it('[S44] lists device and last activity, never a token, and ends another sign-in of mine at once', async () => {
    c = await clinic();
    const phone = await (async () => {
      const res = await raw(
        c.server,
        'POST',
        '/api/auth/sign-in/email',
        { email: LEAD.email, password: LEAD.password },
        {
          origin: c.server.url,
          'user-agent':
            'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1',
        },
      );
      return apiClient(c.server, res.setCookies.map((s) => s.split(';')[0]).join('; '));
    })();
    const phoneSocket = await connectSocket(c.server, phone.cookie);
    const listed = await c.lead.get('/api/me/sign-ins');
    expect(listed.status).toBe(200);
    expect(listed.body.signIns).toHaveLength(2);
    const phoneRow = listed.body.signIns.find((s: { device: string }) => s.device === 'Safari on iOS');
    expect(phoneRow).toMatchObject({ current: false, address: expect.stringMatching(/127\.0\.0\.1/), lastActiveAt: expect.any(String) });
    expect(listed.body.signIns.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
    const token = decodeURIComponent(phone.cookie.split('=')[1]!).split('.')[0]!;
    expect(JSON.stringify(listed.body)).not.toContain(token);
    expect(Object.keys(phoneRow).sort()).toEqual(['address', 'current', 'device', 'id', 'lastActiveAt', 'signedInAt']);

    // Someone else cannot end it: the delete is keyed by their own account.
    expect(
      (await raw(c.server, 'DELETE', `/api/me/sign-ins/${phoneRow.id}`, undefined, { cookie: c.co.cookie, origin: c.server.url })).status,
    ).toBe(204);
    expect((await phone.get('/api/me')).status).toBe(200);

    const closed = new Promise<string>((resolve) => phoneSocket.once('disconnect', resolve));
    const ended = await raw(c.server, 'DELETE', `/api/me/sign-ins/${phoneRow.id}`, undefined, {
      cookie: c.lead.cookie,
      origin: c.server.url,
    });
    expect(ended.status).toBe(204);
    expect(await closed).toBe('io server disconnect');
    expect((await phone.get('/api/me')).status).toBe(401);
    expect((await c.lead.get('/api/me')).status).toBe(200);
    const current = listed.body.signIns.find((s: { current: boolean }) => s.current);
    expect(
      (await raw(c.server, 'DELETE', `/api/me/sign-ins/${current.id}`, undefined, { cookie: c.lead.cookie, origin: c.server.url })).status,
    ).toBe(409);
    expect((await auditEntries(c)).filter((e) => e.action === 'account.sign-in-revoke').map((e) => e.subjectId)).toEqual([c.ids.lead]);
  });
});

describe('past records', () => {
  it('[S42] keep the name of a facilitator who was disabled', async () => {
    c = await clinic();
    const { groupId, member } = await makeGroup(c, ['Sam']);
    const sessionId = await runSession(c, groupId, member.Sam!, 'ran the session');
    expect((await c.admin.post(`/api/accounts/${c.ids.co}/disable`, {})).status).toBe(200);
    const review = await c.lead.get(`/api/sessions/${sessionId}/review`);
    expect(JSON.stringify(review.body)).toContain(CO.name);
  });
});
