import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ERROR_CODES, type ErrorCode, type Failure } from '../../../shared/protocol.js';
import { ERROR_POLICY } from '../../../shared/sync/policy.js';
import { applied, joined, NEXT, NOTE, stateAt } from './fake-socket.js';
import { connectedAt, tick } from './support.js';

beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

const refused = (code: ErrorCode, state?: ReturnType<typeof stateAt>): Failure => ({
  ok: false,
  code,
  message: ERROR_CODES[code],
  ...(state ? { state } : {}),
});
const codes = (kind: string) => (Object.keys(ERROR_POLICY) as ErrorCode[]).filter((code) => ERROR_POLICY[code].do === kind);

describe('[P7][P23] a command and its ack', () => {
  it('goes out once with a fresh commandId and the expectedVersion given, and settles with its ack', async () => {
    const { socket, client } = await connectedAt(3);
    const sent = client.send(NEXT, { expectedVersion: 3 });
    expect(socket.last('session:command').payload).toEqual({ sessionId: 's-1', commandId: 'c1', expectedVersion: 3, command: NEXT });
    socket.last('session:command').answer(applied(4));
    expect(await sent.settled).toEqual(applied(4));
    expect(sent.attempts).toBe(1);
    expect(client.unanswered).toBe(0);
  });

  it('with no ack in time on a live connection (a silent cut), is sent again at once with the same commandId, and says so once', async () => {
    const onSlow = vi.fn();
    const { socket, client } = await connectedAt(3, { ackTimeoutMs: 1_000, onSlow });
    const sent = client.send(NOTE);
    await tick(1_000);
    await tick(1_000);
    const tries = socket.sent('session:command');
    expect(tries.map((t) => t.payload.commandId)).toEqual(['c1', 'c1', 'c1']);
    expect(onSlow).toHaveBeenCalledTimes(1);
    socket.last('session:command').answer(applied(4));
    expect(await sent.settled).toMatchObject({ ok: true, version: 4 });
  });

  it('whose ack was lost with the connection, is sent again with the same commandId after the rejoin, and a duplicate answer returns the first result', async () => {
    const { socket, client } = await connectedAt(3);
    const sent = client.send(NOTE);
    socket.drop();
    await tick();
    expect(client.unanswered).toBe(1);
    socket.open();
    expect(socket.sent('session:command')).toHaveLength(1); // nothing before the join's ack (§9)
    socket.last('session:join').answer(joined(stateAt(4)));
    await tick();
    const retry = socket.last('session:command');
    expect(retry.payload.commandId).toBe('c1');
    retry.answer(applied(4, true));
    expect(await sent.settled).toEqual(applied(4, true));
    expect(sent.attempts).toBe(2);
  });

  it('settles with the retry’s answer; an answer to an attempt that timed out is dropped, as Socket.IO drops it', async () => {
    const { socket, client } = await connectedAt(3, { ackTimeoutMs: 1_000 });
    const sent = client.send(NOTE);
    const first = socket.last('session:command');
    await tick(1_000);
    first.answer(applied(4));
    socket.last('session:command').answer(applied(4, true));
    expect(await sent.settled).toEqual(applied(4, true));
    expect(sent.answers).toEqual([applied(4, true)]);
  });

  it('sent while offline, waits for the join and is not handed to the transport before', async () => {
    const { socket, client } = await connectedAt(3);
    socket.drop();
    const sent = client.send(NOTE);
    expect(socket.sent('session:command')).toHaveLength(0);
    socket.open();
    socket.last('session:join').answer(joined(null, 3));
    await tick();
    socket.last('session:command').answer(applied(4));
    expect(await sent.settled).toMatchObject({ ok: true });
  });

  it('settles as CLOSED when the screen is closed first, and nothing is sent after', async () => {
    const { socket, client } = await connectedAt(3);
    const sent = client.send(NOTE);
    client.close();
    expect(await sent.settled).toMatchObject({ ok: false, code: 'CLOSED' });
    expect(await client.send(NOTE).settled).toMatchObject({ ok: false, code: 'CLOSED' });
    expect(socket.sent('session:command')).toHaveLength(1);
  });
});

describe('[P23] every refusal of a command, by its policy', () => {
  it.each(codes('stop'))(
    '%s stops: the command and every other unanswered one settle, the screen shows why, nothing is retried',
    async (code) => {
      const { socket, client } = await connectedAt(3);
      const one = client.send(NOTE);
      const other = client.send({ type: 'session.pause' });
      socket.sent('session:command', true)[0]!.answer(refused(code));
      expect(await one.settled).toMatchObject({ ok: false, code });
      expect(await other.settled).toMatchObject({ ok: false, code });
      expect(client.store.getState().fatal).toBe(ERROR_CODES[code]);
      expect(socket.connected).toBe(false);
      await tick(60_000);
      expect(socket.connectCalls).toBe(0);
      expect(socket.sent('session:command')).toHaveLength(2);
      expect(await client.send(NOTE).settled).toMatchObject({ ok: false, code });
    },
  );

  it.each(codes('resync'))('%s takes the state it carries and settles; the press is not sent again', async (code) => {
    const { socket, client } = await connectedAt(3);
    const sent = client.send(NEXT, { expectedVersion: 3 });
    socket.last('session:command').answer(refused(code, stateAt(5)));
    expect(await sent.settled).toMatchObject({ ok: false, code });
    expect(client.store.getState().update?.version).toBe(5);
    await tick(10_000);
    expect(socket.sent('session:command')).toHaveLength(1);
    expect(client.store.getState().fatal).toBeNull();
  });

  it('a refusal carrying an older state than the one held leaves the held one (P7: a remembered refusal)', async () => {
    const { socket, client } = await connectedAt(6);
    const sent = client.send(NEXT, { expectedVersion: 3 });
    socket.last('session:command').answer(refused('STALE', stateAt(4)));
    await sent.settled;
    expect(client.store.getState().update?.version).toBe(6);
  });

  it.each(codes('tell'))('%s settles at once, is never re-sent unchanged, and does not stop the screen', async (code) => {
    const { socket, client } = await connectedAt(3);
    const sent = client.send(NOTE);
    socket.last('session:command').answer(refused(code));
    expect(await sent.settled).toMatchObject({ ok: false, code });
    await tick(10_000);
    expect(socket.sent('session:command')).toHaveLength(1);
    expect(client.store.getState().fatal).toBeNull();
  });

  it.each(codes('retry'))('%s is re-sent with the same commandId after a backoff, and settles once answered', async (code) => {
    const { socket, client } = await connectedAt(3);
    const sent = client.send(NOTE);
    socket.last('session:command').answer(refused(code));
    await tick(249);
    expect(socket.sent('session:command')).toHaveLength(1); // backing off
    await tick(1);
    const retry = socket.last('session:command');
    expect(retry.payload.commandId).toBe('c1');
    retry.answer(applied(4));
    expect(await sent.settled).toEqual(applied(4));
    expect(sent.answers.map((a) => a.ok)).toEqual([false, true]);
  });

  it.each(codes('retry'))('%s, refused every time, settles after its tries and tells the person', async (code) => {
    const policy = ERROR_POLICY[code as 'RATE_LIMITED' | 'STORAGE_FAILED' | 'INTERNAL'];
    const { socket, client } = await connectedAt(3);
    const sent = client.send(NOTE);
    for (let i = 0; i < policy.tries; i++) {
      socket.last('session:command').answer(refused(code));
      await tick(5_000);
    }
    expect(await sent.settled).toMatchObject({ ok: false, code });
    expect(sent.attempts).toBe(policy.tries);
    expect(socket.sent('session:command')).toHaveLength(policy.tries);
    // INTERNAL: the server may hold a state this screen missed, so it joins again.
    expect(socket.sent('session:join')).toHaveLength(policy.rejoin ? 2 : 1);
  });
});
