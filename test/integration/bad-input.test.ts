import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectSocket, nextUpdate } from '../support/sockets.js';
import { join, send, sessionFixture, type SessionFixture } from '../support/session-fixture.js';
import type { ParsedJson } from '../support/json.js';

let fx: SessionFixture;
beforeEach(async () => {
  fx = await sessionFixture({ config: { commandBurst: 15, commandsPerSecond: 5 } });
});
afterEach(() => fx.close());

const logLength = async () => (await fx.lead.api.get(`/api/sessions/${fx.sessionId}/log`)).body.entries.length;
const emitRaw = (event: string, payload: unknown) =>
  (fx.lead.socket as unknown as { emitWithAck(e: string, p: unknown): Promise<ParsedJson> }).emitWithAck(event, payload);

describe('[P5][P6] bad input gets a clear ack and changes nothing', () => {
  // Each refusal is one sentence a facilitator can read: what was not understood, and why.
  const cases: [string, unknown, string][] = [
    ['a payload that is not an object', 'start please', 'it should be an object'],
    ['null', null, 'it should be an object'],
    [
      'an unknown command',
      { sessionId: 's1', commandId: 'abcdefgh1', command: { type: 'session.explode' } },
      "field 'command.type' is not one Holdspace knows",
    ],
    ['a missing command', { sessionId: 's1', commandId: 'abcdefgh2' }, "field 'command' is missing"],
    [
      'a wrong type',
      { sessionId: 's1', commandId: 'abcdefgh3', command: { type: 'queue.move', memberId: 'm', toIndex: 'first' } },
      "field 'command.toIndex' should be a number",
    ],
    [
      'an extra key',
      { sessionId: 's1', commandId: 'abcdefgh4', command: { type: 'session.start', force: true } },
      "field 'command.force' is not expected",
    ],
    [
      'a short commandId',
      { sessionId: 's1', commandId: 'x', command: { type: 'session.start' } },
      "field 'commandId' is too short, at least 8 characters",
    ],
    [
      'a hostile id',
      { sessionId: '../../etc/passwd', commandId: 'abcdefgh5', command: { type: 'session.start' } },
      "field 'sessionId' must be an id",
    ],
    [
      'a version past 2^53 − 1',
      { sessionId: 's1', commandId: 'abcdefgh6', expectedVersion: 2 ** 53, command: { type: 'session.start' } },
      "field 'expectedVersion' is too large, at most 9007199254740991",
    ],
  ];
  it.each(cases)('[P5] %s → BAD_REQUEST in a plain sentence', async (_name, payload, why) => {
    const sessionIdFixed =
      payload && typeof payload === 'object' && 'sessionId' in payload && (payload as { sessionId: string }).sessionId === 's1'
        ? { ...(payload as object), sessionId: fx.sessionId }
        : payload;
    const ack = await emitRaw('session:command', sessionIdFixed);
    expect(ack).toEqual({ ok: false, code: 'BAD_REQUEST', message: `The command was not understood (${why}).` });
    expect(await logLength()).toBe(0);
  });

  it('[P5][P8] the largest version a client may send is 2^53 − 1: accepted by the schema, then STALE', async () => {
    const ack = await send(fx.lead.socket, fx.sessionId, { type: 'session.start' }, { expectedVersion: 2 ** 53 - 1 });
    expect(ack).toMatchObject({ ok: false, code: 'STALE' });
    expect(await emitRaw('session:join', { sessionId: fx.sessionId, knownVersion: 2 ** 53 })).toEqual({
      ok: false,
      code: 'BAD_REQUEST',
      message: "The request to join was not understood (field 'knownVersion' is too large, at most 9007199254740991).",
    });
  });

  it('[P5] several wrong fields: the first three are named, the rest counted, never a value', async () => {
    const ack = await emitRaw('session:command', {
      sessionId: 'Sam Smith!',
      commandId: 'x',
      expectedVersion: -1,
      command: { type: 'note.add', text: 'Sam is upset' },
      a: 1,
      b: 2,
    });
    expect(ack.message).toMatch(
      /^The command was not understood \(field '[^']+' [^;]+; field '[^']+' [^;]+; field '[^']+' [^;]+; and \d+ more\)\.$/,
    );
    expect(ack.message).not.toMatch(/Sam/);
  });

  it('[P5][P6] an event Holdspace does not have is answered BAD_REQUEST at once; without an ack it is ignored', async () => {
    const socket = fx.lead.socket as unknown as {
      timeout(ms: number): { emitWithAck(e: string, p: unknown): Promise<unknown> };
      emit(e: string, p: unknown): void;
    };
    expect(await socket.timeout(5000).emitWithAck('session:explode', { all: true })).toEqual({
      ok: false,
      code: 'BAD_REQUEST',
      message: 'Holdspace has no event named "session:explode".',
    });
    expect(await socket.timeout(5000).emitWithAck('<script>alert(1)</script>', {})).toEqual({
      ok: false,
      code: 'BAD_REQUEST',
      message: 'Holdspace has no event by that name.',
    });
    socket.emit('session:explode', { all: true });
    expect(await fx.lead.socket.emitWithAck('clock:ping', { clientSentAt: 2 })).toMatchObject({ ok: true, clientSentAt: 2 });
  });

  it('[P5] a frame that is not a Socket.IO packet closes that connection; the server and other screens carry on', async () => {
    const broken = await connectSocket(fx.server, fx.lead.api.cookie);
    const closed = new Promise<string>((resolve) => broken.once('disconnect', resolve));
    // An engine.io message whose Socket.IO packet is an event with broken JSON.
    (broken.io.engine as unknown as { write(data: string): void }).write('2["session:command",{"sessionId":');
    expect(await closed).toBe('transport close');
    expect(await send(fx.co.socket, fx.sessionId, { type: 'attendance.mark', memberId: fx.member.Sam!, mark: 'present' })).toMatchObject({
      ok: true,
      version: 1,
    });
  });

  it('strings over their caps and control characters are refused', async () => {
    const longNote = await send(fx.lead.socket, fx.sessionId, { type: 'note.add', text: 'n'.repeat(2001), memberId: null, private: false });
    expect(longNote).toMatchObject({ ok: false, code: 'BAD_REQUEST' });
    expect(!longNote.ok && longNote.message).toBe(
      "The command was not understood (field 'command.text' is too long, at most 2000 characters).",
    );
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
    (big as unknown as { emit(e: string, p: unknown): void }).emit('session:command', {
      sessionId: fx.sessionId,
      commandId: 'abcdefgh9',
      command: { type: 'note.add', text: 'x'.repeat(100_000) },
    });
    await dropped;
    expect(await send(fx.co.socket, fx.sessionId, { type: 'attendance.mark', memberId: fx.member.Sam!, mark: 'present' })).toMatchObject({
      ok: true,
    });
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
    // A second session of the group, planned and joined by both screens.
    const other = (await fx.lead.api.post(`/api/groups/${fx.groupId}/sessions`, {})).body.session.id as string;
    await join(fx.lead.socket, other);
    await join(fx.co.socket, other);
    // A third screen sends the first session garbage, floods it, and breaks its own connection.
    const rogue = await connectSocket(fx.server, fx.lead.api.cookie);
    const rogueEmit = rogue as unknown as {
      emitWithAck(e: string, p: unknown): Promise<ParsedJson>;
      io: { engine: { write(d: string): void } };
    };
    expect(
      await rogueEmit.emitWithAck('session:command', { sessionId: fx.sessionId, commandId: 'abcdefgh7', command: 'garbage' }),
    ).toMatchObject({ code: 'BAD_REQUEST' });
    const tooLoud: Record<string, unknown> = { type: 'signal.send', kind: 'too loud' };
    const flood = await Promise.all(Array.from({ length: 20 }, () => send(rogue, fx.sessionId, tooLoud)));
    const codes = flood.map((a) => (a.ok ? 'applied' : a.code));
    expect(new Set(codes)).toEqual(new Set(['BAD_REQUEST', 'RATE_LIMITED']));
    const gone = new Promise((resolve) => rogue.once('disconnect', resolve));
    rogueEmit.io.engine.write('2[oops');
    await gone;

    // The other session: both screens act in it, and each sees the other's change.
    const fromCo = await send(fx.co.socket, other, { type: 'attendance.mark', memberId: fx.member.Ana!, mark: 'present' });
    expect(fromCo).toEqual({ ok: true, version: 1, duplicate: false });
    expect((await nextUpdate(fx.lead.socket, 1)).sessionId).toBe(other);
    const fromLead = await send(fx.lead.socket, other, { type: 'session.start' });
    expect(fromLead).toEqual({ ok: true, version: 2, duplicate: false });
    const coSaw = await nextUpdate(fx.co.socket, 2);
    expect({ sessionId: coSaw.sessionId, status: coSaw.state.status }).toEqual({ sessionId: other, status: 'live' });
    expect(fx.lead.socket.missed).toEqual([]);
    expect(fx.co.socket.missed).toEqual([]);
    const otherLog = (await fx.lead.api.get(`/api/sessions/${other}/log`)).body.entries;
    expect(otherLog.map((e: { commandId: string; event: { type: string } }) => e.event.type)).toEqual(['attendance.mark', 'session.start']);
    expect(await logLength()).toBe(0);
  });
});
