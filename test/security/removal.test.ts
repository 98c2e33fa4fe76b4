import { afterEach, describe, expect, it } from 'vitest';
import { signIn } from '../support/http.js';
import { createAccount } from '../support/server.js';
import { connectSocket } from '../support/sockets.js';
import { join, MEMBERS, send, sessionFixture, type SessionFixture } from '../support/session-fixture.js';

let fx: SessionFixture;
afterEach(() => fx.close());

const NEW_CO = { name: 'Ari Trainee', email: 'ari@example.org', password: 'a trainee password' };

describe('a removed co-facilitator', () => {
  it('[S17] is cut off at once in a live session; the session passes to the new co-facilitator', async () => {
    fx = await sessionFixture();
    await send(fx.lead.socket, fx.sessionId, { type: 'attendance.mark', memberId: fx.member.Sam!, mark: 'present' });
    await send(fx.lead.socket, fx.sessionId, { type: 'session.start' });
    const newCo = await createAccount(fx.server, NEW_CO);
    const closed = new Promise<string>((resolve) => fx.co.socket.once('disconnect', resolve));

    const members = MEMBERS.map((name) => ({ id: fx.member[name], name }));
    const changed = await fx.lead.api.put(`/api/groups/${fx.groupId}`, {
      name: 'Tuesday anxiety group',
      members,
      coFacilitatorId: newCo.id,
    });
    expect(changed.status).toBe(200);
    expect(await closed).toBe('io server disconnect');

    // Back again with the same sign-in: the socket connects, but the session is no longer theirs.
    const again = await connectSocket(fx.server, fx.co.api.cookie);
    expect(await join(again, fx.sessionId)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect((await fx.co.api.get(`/api/sessions/${fx.sessionId}`)).status).toBe(404);
    expect((await fx.co.api.get(`/api/groups/${fx.groupId}`)).status).toBe(404);
    again.disconnect();

    // The lead carries on undisturbed; the new co-facilitator can join and act.
    expect(fx.lead.socket.connected).toBe(true);
    expect((await fx.lead.api.get(`/api/sessions/${fx.sessionId}`)).body.session.coFacilitatorId).toBe(newCo.id);
    const newApi = await signIn(fx.server, NEW_CO.email, NEW_CO.password);
    const newSocket = await connectSocket(fx.server, newApi.cookie);
    expect(await join(newSocket, fx.sessionId)).toMatchObject({ ok: true });
    expect(await send(newSocket, fx.sessionId, { type: 'note.add', text: 'joined late', memberId: null, private: false })).toMatchObject({
      ok: true,
    });
    expect(
      await send(fx.lead.socket, fx.sessionId, { type: 'note.add', text: 'still here', memberId: null, private: false }),
    ).toMatchObject({ ok: true });
    newSocket.disconnect();
  });

  it('[S17] removed without a successor: planned sessions lose them, and the lead keeps running them', async () => {
    fx = await sessionFixture();
    const closed = new Promise<string>((resolve) => fx.co.socket.once('disconnect', resolve));
    const members = MEMBERS.map((name) => ({ id: fx.member[name], name }));
    await fx.lead.api.put(`/api/groups/${fx.groupId}`, { name: 'Tuesday anxiety group', members, coFacilitatorId: null });
    await closed;
    expect((await fx.lead.api.get(`/api/sessions/${fx.sessionId}`)).body.session.coFacilitatorId).toBeNull();
    expect(await send(fx.lead.socket, fx.sessionId, { type: 'attendance.mark', memberId: fx.member.Sam!, mark: 'present' })).toMatchObject({
      ok: true,
    });
  });

  it('[S17] editing the group without changing the co-facilitator disconnects no one', async () => {
    fx = await sessionFixture();
    const members = MEMBERS.map((name) => ({ id: fx.member[name], name }));
    await fx.lead.api.put(`/api/groups/${fx.groupId}`, { name: 'Renamed', members, coFacilitatorId: fx.co.id });
    expect(await send(fx.co.socket, fx.sessionId, { type: 'attendance.mark', memberId: fx.member.Sam!, mark: 'present' })).toMatchObject({
      ok: true,
    });
    expect(fx.co.socket.connected).toBe(true);
  });
});
