import { afterEach, describe, expect, it } from 'vitest';
import { signIn } from '../support/http.js';
import { connectSocket } from '../support/sockets.js';
import { join, LEAD, send, sessionFixture, type SessionFixture } from '../support/session-fixture.js';

let fx: SessionFixture;
afterEach(() => fx.close());

describe('idle lock', () => {
  it('[S18] a locked screen reaches nothing but unlock, even after a reload, until the password is given', async () => {
    fx = await sessionFixture();
    expect((await fx.lead.api.get('/api/settings')).body.settings).toMatchObject({ requireTwoFactor: false, idleLockMinutes: 15 });
    const closed = new Promise((resolve) => fx.lead.socket.once('disconnect', resolve)); // the lock closes it (S33)
    expect((await fx.lead.api.post('/api/lock', {})).status).toBe(204);

    expect(await fx.lead.api.get('/api/groups')).toMatchObject({ status: 423, body: { code: 'LOCKED' } });
    expect(await fx.lead.api.get('/api/me')).toMatchObject({ status: 200, body: { locked: true } }); // a reload shows the lock again
    expect(await closed).toBe('io server disconnect');
    await expect(connectSocket(fx.server, fx.lead.api.cookie)).rejects.toMatchObject({ data: { code: 'LOCKED' } });
    // The lock is this screen's, not the account's: another device of the same person is not locked.
    const otherDevice = await signIn(fx.server, LEAD.email, LEAD.password);
    expect((await otherDevice.get('/api/groups')).status).toBe(200);

    expect(await fx.lead.api.post('/api/unlock', { password: 'not the password' })).toMatchObject({
      status: 403,
      body: { code: 'FORBIDDEN' },
    });
    expect((await fx.lead.api.get('/api/groups')).status).toBe(423);
    expect((await fx.lead.api.post('/api/unlock', { password: LEAD.password })).status).toBe(204);
    expect((await fx.lead.api.get('/api/groups')).status).toBe(200);
    const unlocked = await connectSocket(fx.server, fx.lead.api.cookie);
    expect(await join(unlocked, fx.sessionId)).toMatchObject({ ok: true });
    expect(await send(unlocked, fx.sessionId, { type: 'attendance.mark', memberId: fx.member.Sam!, mark: 'present' })).toMatchObject({
      ok: true,
    });
    unlocked.disconnect();
  });

  it('[S18][S5] guessing the unlock password is limited like sign-in', async () => {
    fx = await sessionFixture({
      config: { signIn: { windowMs: 60_000, failuresPerAccount: 3, failuresPerAddress: 50, slowAfter: 50, delayStepMs: 0, maxDelayMs: 0 } },
    });
    await fx.lead.api.post('/api/lock', {});
    for (let i = 0; i < 3; i++) expect((await fx.lead.api.post('/api/unlock', { password: `guess ${i}` })).status).toBe(403);
    expect(await fx.lead.api.post('/api/unlock', { password: LEAD.password })).toMatchObject({
      status: 429,
      body: { code: 'RATE_LIMITED' },
    });
  });

  it('[S18] an admin sets the idle time; others cannot', async () => {
    fx = await sessionFixture();
    expect((await fx.co.api.put('/api/settings', { idleLockMinutes: 5 })).status).toBe(403);
    expect((await fx.lead.api.put('/api/settings', { idleLockMinutes: 0 })).status).toBe(400);
    expect((await fx.lead.api.put('/api/settings', { idleLockMinutes: 5 })).body.settings.idleLockMinutes).toBe(5);
    expect((await fx.co.api.get('/api/settings')).body.settings.idleLockMinutes).toBe(5);
  });
});
