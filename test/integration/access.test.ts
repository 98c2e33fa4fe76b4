import { afterEach, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../shared/protocol.js';
import { signIn } from '../support/http.js';
import { createAccount } from '../support/server.js';
import { connectSocket, nextUpdate } from '../support/sockets.js';
import { join, send, sessionFixture, type SessionFixture } from '../support/session-fixture.js';

let fx: SessionFixture;
afterEach(() => fx.close());

const OUTSIDER = { name: 'Lee Outsider', email: 'lee@example.org', password: 'not my group at all' };

async function refusalCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'connected';
  } catch (error) {
    return (error as { data?: { code?: string } }).data?.code ?? String(error);
  }
}

describe('who may connect and join', () => {
  it('[P2] an unauthenticated socket is refused at the handshake', async () => {
    fx = await sessionFixture();
    expect(await refusalCode(connectSocket(fx.server, null))).toBe('UNAUTHENTICATED');
    expect(await refusalCode(connectSocket(fx.server, 'better-auth.session_token=forged.value'))).toBe('UNAUTHENTICATED');
  });

  it('[P1] a screen speaking another protocol version is told to reload', async () => {
    fx = await sessionFixture();
    expect(await refusalCode(connectSocket(fx.server, fx.lead.api.cookie, PROTOCOL_VERSION + 1))).toBe('PROTOCOL_MISMATCH');
  });

  it('[P3][P17] an outsider cannot join the room, act, or read the session, and receives nothing', async () => {
    fx = await sessionFixture();
    await createAccount(fx.server, OUTSIDER);
    const outsiderApi = await signIn(fx.server, OUTSIDER.email, OUTSIDER.password);
    const outsider = await connectSocket(fx.server, outsiderApi.cookie);
    expect(await join(outsider, fx.sessionId)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await join(outsider, 'no-such-session')).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    const acted = await send(outsider, fx.sessionId, { type: 'note.add', text: 'x', memberId: null, private: false });
    expect(acted).toMatchObject({ ok: false, code: 'FORBIDDEN' });

    await send(fx.lead.socket, fx.sessionId, {
      type: 'flag.raise',
      kind: 'risk',
      memberId: fx.member.Sam!,
      text: 'said something worrying',
    });
    await nextUpdate(fx.co.socket, 1);
    expect(outsider.updates).toEqual([]);
    expect((await outsiderApi.get(`/api/sessions/${fx.sessionId}`)).status).toBe(404);
    const log = await outsiderApi.get(`/api/sessions/${fx.sessionId}/log`);
    expect(log.status).toBe(404);
    expect(JSON.stringify(log.body)).not.toContain('worrying');
    expect((await outsiderApi.get(`/api/groups/${fx.groupId}`)).status).toBe(404);
    outsider.disconnect();
  });

  it('[P15] a command after the sign-in session expired is refused and the socket is closed', async () => {
    fx = await sessionFixture();
    const socket = await connectSocket(fx.server, fx.lead.api.cookie);
    // Expire this socket's sign-in as the server records it.
    const serverSide = [...fx.server.app.io.sockets.sockets.values()].find((s) => s.id === socket.id)!;
    serverSide.data.expiresAt = Date.now() - 1;
    const closed = new Promise((resolve) => socket.once('disconnect', resolve));
    expect(await send(socket, fx.sessionId, { type: 'session.start' })).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    await closed;
  });

  it('[P18][P7][P3] an ended session accepts no new command (WRONG_STATE with its final state), a repeated session.end is answered from the log, an outsider gets FORBIDDEN, and join returns the final state', async () => {
    fx = await sessionFixture();
    await send(fx.lead.socket, fx.sessionId, { type: 'attendance.mark', memberId: fx.member.Sam!, mark: 'present' });
    await send(fx.lead.socket, fx.sessionId, { type: 'session.start' });
    expect(await send(fx.lead.socket, fx.sessionId, { type: 'session.end' }, { commandId: 'the-end-of-it' })).toMatchObject({
      ok: true,
      version: 3,
    });
    const refused = await send(fx.co.socket, fx.sessionId, { type: 'note.add', text: 'late note', memberId: null, private: false });
    expect(refused).toMatchObject({ ok: false, code: 'WRONG_STATE', message: 'The session has ended; its record is closed.' });
    expect(!refused.ok && refused.state).toMatchObject({ version: 3, state: { status: 'ended' } });
    // The lead lost the ack of session.end and re-sends it: the log answers.
    expect(await send(fx.lead.socket, fx.sessionId, { type: 'session.end' }, { commandId: 'the-end-of-it' })).toEqual({
      ok: true,
      version: 3,
      duplicate: true,
    });
    // An outsider learns nothing about the session's state.
    await createAccount(fx.server, OUTSIDER);
    const outsider = await connectSocket(fx.server, (await signIn(fx.server, OUTSIDER.email, OUTSIDER.password)).cookie);
    const forbidden = await send(outsider, fx.sessionId, { type: 'session.end' });
    outsider.disconnect();
    expect(forbidden).toEqual({ ok: false, code: 'FORBIDDEN', message: 'You are not a facilitator of this session.' });
    const joined = await join(fx.co.socket, fx.sessionId);
    expect(joined).toMatchObject({ ok: true, version: 3 });
    expect(joined.ok && joined.update?.state.status).toBe('ended');
  });
});

describe('cross-origin sockets', () => {
  it('[P2] a socket opened by a page of another origin is refused, even with a valid cookie', async () => {
    fx = await sessionFixture();
    const { io } = await import('socket.io-client');
    const foreign = io(fx.server.url, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      auth: { protocolVersion: PROTOCOL_VERSION },
      extraHeaders: { cookie: fx.lead.api.cookie, origin: 'http://evil.example' },
    });
    const outcome = await new Promise((resolve) => {
      foreign.once('connect', () => resolve('connected'));
      foreign.once('connect_error', () => resolve('refused'));
    });
    foreign.close();
    expect(outcome).toBe('refused');
    const same = await connectSocket(fx.server, fx.lead.api.cookie);
    expect(same.connected).toBe(true);
    same.disconnect();
  });
});
