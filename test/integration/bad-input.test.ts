import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectSocket, nextUpdate } from '../support/sockets.js';
import { join, send, sessionFixture, type SessionFixture } from '../support/session-fixture.js';

let fx: SessionFixture;
beforeEach(async () => {
  fx = await sessionFixture({ config: { commandBurst: 15, commandsPerSecond: 5 } });
});
afterEach(() => fx.close());

const logLength = async () => (await fx.lead.api.get(`/api/sessions/${fx.sessionId}/log`)).body.entries.length;
const emitRaw = (event: string, payload: unknown) =>
  (fx.lead.socket as unknown as { emitWithAck(e: string, p: unknown): Promise<any> }).emitWithAck(event, payload);

describe('[P5][P6] bad input gets a clear ack and changes nothing', () => {
  const cases: [string, unknown][] = [
    ['a payload that is not an object', 'start please'],
    ['null', null],
    ['an unknown command', { sessionId: 's1', commandId: 'abcdefgh1', command: { type: 'session.explode' } }],
    ['a missing command', { sessionId: 's1', commandId: 'abcdefgh2' }],
    ['a wrong type', { sessionId: 's1', commandId: 'abcdefgh3', command: { type: 'queue.move', memberId: 'm', toIndex: 'first' } }],
    ['an extra key', { sessionId: 's1', commandId: 'abcdefgh4', command: { type: 'session.start', force: true } }],
    ['a short commandId', { sessionId: 's1', commandId: 'x', command: { type: 'session.start' } }],
    ['a hostile id', { sessionId: '../../etc/passwd', commandId: 'abcdefgh5', command: { type: 'session.start' } }],
  ];
  it.each(cases)('%s → BAD_REQUEST', async (_name, payload) => {
    const sessionIdFixed = payload && typeof payload === 'object' && 'sessionId' in payload && (payload as { sessionId: string }).sessionId === 's1'
      ? { ...(payload as object), sessionId: fx.sessionId }
      : payload;
    const ack = await emitRaw('session:command', sessionIdFixed);
    expect(ack).toMatchObject({ ok: false, code: 'BAD_REQUEST' });
    expect(ack.message).toMatch(/^Invalid request — /);
    expect(await logLength()).toBe(0);
  });

  it('strings over their caps and control characters are refused', async () => {
    const longNote = await send(fx.lead.socket, fx.sessionId, { type: 'note.add', text: 'n'.repeat(2001), memberId: null, private: false });
    expect(longNote).toMatchObject({ ok: false, code: 'BAD_REQUEST' });
    expect(!longNote.ok && longNote.message).toContain('command.text');
    const control = await send(fx.lead.socket, fx.sessionId, { type: 'note.add', text: 'bell\u0007', memberId: null, private: false });
    expect(control).toMatchObject({ ok: false, code: 'BAD_REQUEST' });
    const okNote = await send(fx.lead.socket, fx.sessionId, { type: 'note.add', text: 'n'.repeat(2000), memberId: null, private: false });
    expect(okNote).toMatchObject({ ok: true, version: 1 });
  });

  it('a member id not in the roster is refused by the rules', async () => {
    const ack = await send(fx.lead.socket, fx.sessionId, { type: 'attendance.mark', memberId: 'someone-else', mark: 'present' });
    expect(ack).toMatchObject({ ok: false, code: 'NOT_ALLOWED', message: 'That member is not in this group.' });
  });

  it('a command in the wrong state is refused with WRONG_STATE', async () => {
    const ack = await send(fx.lead.socket, fx.sessionId, { type: 'floor.give', memberId: fx.member.Sam! });
    expect(ack).toMatchObject({ ok: false, code: 'WRONG_STATE', message: 'The session has not started yet.' });
  });

  it('an oversized message is dropped by the transport; the server and other screens carry on', async () => {
    const big = await connectSocket(fx.server, fx.lead.api.cookie);
    const dropped = new Promise((resolve) => big.once('disconnect', resolve));
    (big as unknown as { emit(e: string, p: unknown): void }).emit('session:command', { sessionId: fx.sessionId, commandId: 'abcdefgh9', command: { type: 'note.add', text: 'x'.repeat(100_000) } });
    await dropped;
    expect(await send(fx.co.socket, fx.sessionId, { type: 'attendance.mark', memberId: fx.member.Sam!, mark: 'present' })).toMatchObject({ ok: true });
    expect(await logLength()).toBe(1);
  });

  it('[P13] a flood from one screen is rate limited; the other screen is unaffected', async () => {
    const acks = await Promise.all(
      Array.from({ length: 40 }, () => send(fx.lead.socket, fx.sessionId, { type: 'signal.send', kind: 'wrapUp' })),
    );
    const limited = acks.filter((a) => !a.ok && a.code === 'RATE_LIMITED');
    expect(acks.filter((a) => a.ok)).toHaveLength(15);
    expect(limited).toHaveLength(25);
    expect(await send(fx.co.socket, fx.sessionId, { type: 'signal.send', kind: 'fiveMinutes' })).toMatchObject({ ok: true, version: 16 });
  });

  it('join and ping validate too, and an event without an ack callback does not crash the server', async () => {
    expect(await emitRaw('session:join', { sessionId: 42 })).toMatchObject({ ok: false, code: 'BAD_REQUEST' });
    expect(await emitRaw('clock:ping', { clientSentAt: 'noon' })).toMatchObject({ ok: false, code: 'BAD_REQUEST' });
    (fx.lead.socket as unknown as { emit(e: string, p: unknown): void }).emit('session:command', { nonsense: true });
    const ping = await fx.lead.socket.emitWithAck('clock:ping', { clientSentAt: 1 });
    expect(ping).toMatchObject({ ok: true, clientSentAt: 1 });
    expect(await join(fx.co.socket, fx.sessionId)).toMatchObject({ ok: true });
  });

  it('other sessions are unaffected by one session’s bad input', async () => {
    await emitRaw('session:command', { sessionId: fx.sessionId, commandId: 'abcdefgh7', command: 'garbage' });
    const ack = await send(fx.co.socket, fx.sessionId, { type: 'attendance.mark', memberId: fx.member.Ana!, mark: 'present' });
    expect(ack).toMatchObject({ ok: true, version: 1 });
    expect((await nextUpdate(fx.lead.socket, 1)).version).toBe(1);
  });
});
