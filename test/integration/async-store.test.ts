import { afterEach, describe, expect, it } from 'vitest';
import type { SignInStore } from '../../server/store/types.js';
import { nextUpdate } from '../support/sockets.js';
import { send, sessionFixture, type SessionFixture } from '../support/session-fixture.js';

/**
 * The store answers later than the call (issue 19: every store method is async; PostgreSQL's
 * answer comes over the network). What the synchronous store gave for free must still hold.
 */
let fx: SessionFixture;
afterEach(() => fx?.close());

/** The store's sign-in check, the first call held until `release`, the others straight through. */
function slowFirstCheck(signIns: SignInStore) {
  const check = signIns.check.bind(signIns);
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  let calls = 0;
  signIns.check = async (signInId, nowIso) => {
    if (calls++ === 0) await released;
    return check(signInId, nowIso);
  };
  return { release, calls: () => calls };
}

describe('the store behind a promise', () => {
  it('[S11][P25] a sign-in check that answers late keeps a session’s commands in their order of arrival', async () => {
    fx = await sessionFixture();
    const held = slowFirstCheck(fx.server.app.store.signIns);
    const first = send(fx.lead.socket, fx.sessionId, { type: 'attendance.mark', memberId: fx.member.Sam!, mark: 'present' });
    const second = send(fx.lead.socket, fx.sessionId, { type: 'attendance.mark', memberId: fx.member.Ana!, mark: 'present' });
    await fx.lead.socket.emitWithAck('clock:ping', { clientSentAt: 0 }); // both have arrived; the second's check is answered
    expect(held.calls()).toBe(2);
    held.release();
    expect(await first).toEqual({ ok: true, version: 1, duplicate: false });
    expect(await second).toEqual({ ok: true, version: 2, duplicate: false });
    const log = await fx.server.app.store.sessions.log(fx.sessionId);
    expect(log.map((e) => e.event.type === 'attendance.mark' && e.event.memberId)).toEqual([fx.member.Sam, fx.member.Ana]);
  });

  it('[S11] a command whose sign-in is revoked before its check reads it is refused, changes nothing, and its socket is closed', async () => {
    fx = await sessionFixture();
    const held = slowFirstCheck(fx.server.app.store.signIns);
    const refused = send(fx.lead.socket, fx.sessionId, { type: 'attendance.mark', memberId: fx.member.Sam!, mark: 'present' });
    await fx.lead.socket.emitWithAck('clock:ping', { clientSentAt: 0 });
    await fx.server.app.store.signIns.revokeAll(fx.lead.id);
    const closed = new Promise<void>((resolve) => fx.lead.socket.once('disconnect', () => resolve()));
    held.release();
    expect(await refused).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    await closed;
    expect(fx.server.app.sessions.get(fx.sessionId)?.version).toBe(0);
    expect(await fx.server.app.store.sessions.log(fx.sessionId)).toEqual([]);
  });

  it('[R1][P6] a store call that rejects is answered INTERNAL over REST and acked INTERNAL on the socket, and the server goes on', async () => {
    fx = await sessionFixture({ config: { logLevel: 'silent' } });
    const { groups, signIns } = fx.server.app.store;
    const listFor = groups.listFor.bind(groups);
    groups.listFor = () => Promise.reject(new Error('the database went away'));
    expect(await fx.lead.api.get('/api/groups')).toMatchObject({ status: 500, body: { code: 'INTERNAL' } });
    groups.listFor = listFor;
    expect((await fx.lead.api.get('/api/groups')).status).toBe(200);

    const check = signIns.check.bind(signIns);
    signIns.check = () => Promise.reject(new Error('the database went away'));
    const mark = { type: 'attendance.mark', memberId: fx.member.Sam!, mark: 'present' } as const;
    expect(await send(fx.lead.socket, fx.sessionId, mark)).toMatchObject({ ok: false, code: 'INTERNAL', message: expect.any(String) });
    signIns.check = check;
    expect(await send(fx.lead.socket, fx.sessionId, mark)).toEqual({ ok: true, version: 1, duplicate: false });
    expect((await nextUpdate(fx.co.socket, 1)).version).toBe(1);
  });
});
