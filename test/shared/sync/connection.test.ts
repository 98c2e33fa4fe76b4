import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ERROR_CODES, type ErrorCode } from '../../../shared/protocol.js';
import { ERROR_POLICY } from '../../../shared/sync/policy.js';
import { applied, joined, NOTE, patchTo, stateAt } from './fake-socket.js';
import { connectedAt, screen, tick } from './support.js';

beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

const codes = (...kinds: string[]) => (Object.keys(ERROR_POLICY) as ErrorCode[]).filter((code) => kinds.includes(ERROR_POLICY[code].do));

describe('[P4] joining, and joining again on every reconnect', () => {
  it('joins on connect with no version held, takes the state, and only then says connected', async () => {
    const { socket, client } = screen();
    socket.open();
    expect(socket.last('session:join').payload).toEqual({ sessionId: 's-1', knownVersion: -1 });
    expect(client.store.getState().connection).toBe('connecting');
    socket.last('session:join').answer(joined(stateAt(2)));
    await tick();
    expect(client.store.getState()).toMatchObject({ connection: 'connected', update: stateAt(2) });
    expect(client.counts.joins).toBe(1);
  });

  it('on reconnect, shows Reconnecting… and joins with the version it holds; a null update keeps it, a newer one replaces it', async () => {
    const { socket, client } = await connectedAt(4);
    socket.drop();
    expect(client.store.getState().connection).toBe('reconnecting');
    socket.open();
    expect(socket.last('session:join').payload.knownVersion).toBe(4);
    socket.last('session:join').answer(joined(null, 4));
    await tick();
    expect(client.store.getState()).toMatchObject({ connection: 'connected', update: stateAt(4) });
    socket.drop();
    socket.open();
    socket.last('session:join').answer(joined(stateAt(9)));
    await tick();
    expect(client.store.getState().update?.version).toBe(9);
    expect(client.counts).toEqual({ joins: 3, disconnects: 2, resyncs: 0 });
  });

  it('after a server restart (the server disconnects it), connects again by itself and resyncs by version', async () => {
    const { socket, client } = await connectedAt(7, { retryMs: 1_000 });
    socket.drop('io server disconnect');
    await tick(999);
    expect(socket.connectCalls).toBe(0);
    await tick(1);
    expect(socket.connectCalls).toBe(1);
    socket.open();
    expect(socket.last('session:join').payload.knownVersion).toBe(7);
    socket.last('session:join').answer(joined(stateAt(8)));
    await tick();
    expect(client.store.getState()).toMatchObject({ connection: 'connected', update: stateAt(8) });
  });

  it('asks again when a join gets no answer while still connected', async () => {
    const { socket } = screen({ joinTimeoutMs: 1_000, retryMs: 500 });
    socket.open();
    await tick(1_500);
    expect(socket.sent('session:join')).toHaveLength(2);
  });

  it.each(codes('retry'))('a join refused %s is asked again after a wait; the screen stays Reconnecting…', async (code) => {
    const { socket, client } = screen({ retryMs: 500 });
    socket.open();
    socket.last('session:join').answer({ ok: false, code, message: ERROR_CODES[code] });
    await tick(500);
    expect(socket.sent('session:join')).toHaveLength(2);
    expect(client.store.getState()).toMatchObject({ connection: 'connecting', fatal: null });
  });

  it('[P56] a join answered MOVING is asked again within the backoff, without limit, and the held state is kept meanwhile', async () => {
    const { socket, client } = await connectedAt(5, { retryMs: 2_000 });
    socket.drop();
    socket.open();
    // Another server holds the session until it hands it over: 250, 500, 1,000, 1,000 ms … not the 2 s reconnect wait.
    for (const [n, waitMs] of [
      [3, 250],
      [4, 500],
      [5, 1_000],
      [6, 1_000],
      [7, 1_000],
    ] as const) {
      socket.last('session:join').answer({ ok: false, code: 'MOVING', message: ERROR_CODES.MOVING });
      await tick(waitMs);
      expect(socket.sent('session:join')).toHaveLength(n);
    }
    expect(client.store.getState()).toMatchObject({ connection: 'reconnecting', fatal: null, update: stateAt(5) });
    socket.last('session:join').answer(joined(stateAt(6)));
    await tick();
    expect(client.store.getState()).toMatchObject({ connection: 'connected', update: stateAt(6) });
  });

  it.each(codes('stop', 'tell', 'resync'))('a join refused %s stops the screen with its message', async (code) => {
    const { socket, client } = screen({ retryMs: 500 });
    socket.open();
    socket.last('session:join').answer({ ok: false, code, message: ERROR_CODES[code] });
    await tick(10_000);
    expect(client.store.getState().fatal).toBe(ERROR_CODES[code]);
    expect(socket.sent('session:join')).toHaveLength(1);
  });
});

describe('[P23] a refused handshake (P1, P2), by its policy', () => {
  it.each(codes('stop'))('%s stops: the screen shows why, reconnects no more, and unanswered commands settle with it', async (code) => {
    const { socket, client } = await connectedAt(3);
    socket.drop();
    const waiting = client.send(NOTE);
    socket.refuse(code, ERROR_CODES[code]);
    expect(client.store.getState().fatal).toBe(ERROR_CODES[code]);
    expect(await waiting.settled).toMatchObject({ ok: false, code });
    await tick(60_000);
    expect(socket.connectCalls).toBe(0);
  });

  it('INTERNAL (the sign-in check failed) connects again after a wait', async () => {
    const { socket, client } = screen({ retryMs: 1_000 });
    socket.refuse('INTERNAL');
    await tick(1_000);
    expect(socket.connectCalls).toBe(1);
    expect(client.store.getState().fatal).toBeNull();
  });

  it('a network error is left to the transport, which retries by itself', async () => {
    const { socket, client } = await connectedAt(3);
    socket.drop();
    socket.networkError();
    await tick(60_000);
    expect(socket.connectCalls).toBe(0);
    expect(client.store.getState()).toMatchObject({ connection: 'reconnecting', fatal: null });
  });
});

describe('[P10] broadcast changes', () => {
  it('applies a change made from the version held, and ignores an old or foreign one', async () => {
    const { socket, client } = await connectedAt(3);
    socket.broadcast(patchTo(4));
    expect(client.store.getState().update).toMatchObject({ version: 4, state: { groupName: 'v4' } });
    socket.broadcast(patchTo(4));
    socket.broadcast(patchTo(3, 2));
    socket.broadcast({ ...patchTo(5), sessionId: 'other' });
    expect(client.store.getState().update?.version).toBe(4);
    expect(socket.sent('session:join')).toHaveLength(1);
  });

  it('after a gap (a change from a version it missed), joins again once for the whole burst and takes the state', async () => {
    const { socket, client } = await connectedAt(3);
    socket.broadcast(patchTo(5, 4));
    socket.broadcast(patchTo(6, 5));
    socket.broadcast(patchTo(7, 6));
    expect(socket.sent('session:join')).toHaveLength(2);
    expect(socket.last('session:join').payload.knownVersion).toBe(3);
    socket.last('session:join').answer(joined(stateAt(7)));
    await tick();
    expect(client.store.getState().update?.version).toBe(7);
    socket.broadcast(patchTo(8));
    expect(client.store.getState().update?.version).toBe(8);
    expect(client.counts.resyncs).toBe(1);
  });

  it('a rejoin after a gap leaves a command in flight alone (it is not sent twice)', async () => {
    const { socket, client } = await connectedAt(3);
    const sent = client.send(NOTE);
    socket.broadcast(patchTo(6, 5));
    socket.last('session:join').answer(joined(stateAt(6)));
    await tick();
    expect(socket.sent('session:command')).toHaveLength(1);
    socket.last('session:command').answer(applied(7));
    expect(await sent.settled).toMatchObject({ ok: true, version: 7 });
  });

  it('before its join is answered, leaves the catching up to the join', () => {
    const { socket, client } = screen();
    socket.open();
    socket.broadcast(patchTo(5));
    expect(socket.sent('session:join')).toHaveLength(1);
    expect(client.counts.resyncs).toBe(0);
  });
});

describe('the clock offset (decision 005)', () => {
  it('is rough from the join at once, then the best of five pings, and redone every minute', async () => {
    vi.setSystemTime(100_000);
    const { socket, client } = screen({ clock: true });
    socket.open();
    socket.last('session:join').answer(joined(stateAt(1))); // serverNow 5 000
    await tick();
    expect(client.store.getState().offsetMs).toBe(5_000 - 100_000);
    const roundTrips = [40, 10, 30, 20, 50];
    for (const rtt of roundTrips) {
      const ping = socket.last('clock:ping');
      await tick(rtt);
      ping.answer({ ok: true, serverNow: ping.payload.clientSentAt + 7_000 + rtt / 2, clientSentAt: ping.payload.clientSentAt });
      await tick();
    }
    expect(client.store.getState().offsetMs).toBe(7_000);
    expect(socket.sent('clock:ping')).toHaveLength(5);
    await tick(60_000);
    expect(socket.sent('clock:ping')).toHaveLength(6);
  });
});

describe('closing', () => {
  it('disconnects, stops listening, and settles what is unanswered', async () => {
    const { socket, client } = await connectedAt(3);
    const sent = client.send(NOTE);
    client.close();
    expect(socket.connected).toBe(false);
    socket.open();
    socket.broadcast(patchTo(4));
    expect(socket.sent('session:join')).toHaveLength(1);
    expect(client.store.getState().update?.version).toBe(3);
    expect(await sent.settled).toMatchObject({ code: 'CLOSED' });
  });
});
