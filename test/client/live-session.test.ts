import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLiveSession, type HoldspaceSocket, type LiveSession } from '../../client/api/liveSession.js';
import { applied, FakeSocket, joined, NEXT, NOTE, patchTo, stateAt } from '../shared/sync/fake-socket.js';

/**
 * The browser's adapter (client/api/liveSession.ts) over the shared sync client, driven through a
 * fake socket: what a facilitator reads. The page's only DOM need here is `document`'s
 * visibilitychange, so a bare EventTarget stands in for it.
 */
let stop: (() => void) | null = null;
beforeEach(() => {
  vi.useFakeTimers();
  vi.stubGlobal('document', Object.assign(new EventTarget(), { visibilityState: 'visible' }));
});
afterEach(() => {
  stop?.();
  stop = null;
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

async function connected(version: number): Promise<{ socket: FakeSocket; live: LiveSession; notices: string[] }> {
  const socket = new FakeSocket();
  const live = createLiveSession('s-1', { userId: 'lead-1', connect: () => socket as unknown as HoldspaceSocket });
  const notices: string[] = [];
  live.store.subscribe(() => {
    const text = live.store.getState().notice?.text;
    if (text && notices.at(-1) !== text) notices.push(text);
  });
  stop = live.start();
  socket.open();
  socket.last('session:join').answer(joined(stateAt(version)));
  await vi.advanceTimersByTimeAsync(0);
  // The clock's pings, answered so they do not stand in the way.
  for (const ping of socket.sent('clock:ping', true)) ping.answer({ ok: true, serverNow: 0, clientSentAt: ping.payload.clientSentAt });
  return { socket, live, notices };
}

describe('[P23] the browser’s session client', () => {
  it('never says "No answer" about a press whose ack came late: it says "Still sending…", sends it again with its commandId, and shows it applied', async () => {
    const { socket, live, notices } = await connected(3);
    const result = live.send(NOTE);
    await vi.advanceTimersByTimeAsync(9_000);
    const tries = socket.sent('session:command');
    expect(new Set(tries.map((t) => t.payload.commandId)).size).toBe(1);
    socket.last('session:command').answer(applied(4, true));
    socket.broadcast(patchTo(4));
    await vi.advanceTimersByTimeAsync(0);
    expect(await result).toEqual({ ok: true });
    expect(notices.filter((n) => /no answer/i.test(n))).toEqual([]);
    expect(notices).toContain('Still sending…');
    expect(live.store.getState().notice).toBeNull();
  });

  it('reads a lost race calmly, with the state that won on screen', async () => {
    const { socket, live } = await connected(3);
    const result = live.send(NEXT);
    expect(socket.last('session:command').payload.expectedVersion).toBe(3);
    const won = stateAt(4, { actorId: 'co-1', actorName: 'Robin', commandType: 'floor.next' });
    socket
      .last('session:command')
      .answer({ ok: false, code: 'STALE', message: 'Someone else acted first; here is the current state.', state: won });
    expect(await result).toEqual({ ok: false, message: 'Already advanced by Robin.' });
    expect(live.store.getState()).toMatchObject({ update: { version: 4 }, notice: { text: 'Already advanced by Robin.' }, fatal: null });
  });

  it('[P45] a Next speaker pressed 150 ms after Robin’s advance landed is meant for the state before it, and reads "Already advanced by Robin."', async () => {
    const { socket, live } = await connected(3);
    await vi.advanceTimersByTimeAsync(2_000);
    socket.broadcast({ ...patchTo(4), cause: { actorId: 'co-1', actorName: 'Robin', commandType: 'floor.next' } });
    await vi.advanceTimersByTimeAsync(150);
    const result = live.send(NEXT);
    expect(socket.last('session:command').payload.expectedVersion).toBe(3);
    socket.last('session:command').answer({ ok: false, code: 'STALE', message: 'Someone else acted first; here is the current state.' });
    expect(await result).toEqual({ ok: false, message: 'Already advanced by Robin.' });
    // Once the change has been on screen for the window, a press acts on it.
    await vi.advanceTimersByTimeAsync(600);
    void live.send(NEXT);
    expect(socket.last('session:command').payload.expectedVersion).toBe(4);
  });

  it('[P45] measures a press from when the finger went down', async () => {
    const { socket, live } = await connected(3);
    await vi.advanceTimersByTimeAsync(2_000);
    const pressedAt = live.now();
    socket.broadcast({ ...patchTo(4), cause: { actorId: 'co-1', actorName: 'Robin', commandType: 'phase.next' } });
    await vi.advanceTimersByTimeAsync(500);
    void live.send({ type: 'phase.next' }, { pressedAt });
    expect(socket.last('session:command').payload.expectedVersion).toBe(3);
  });

  it('sends nothing while reconnecting, and says so', async () => {
    const { socket, live } = await connected(3);
    socket.drop();
    expect(live.store.getState().connection).toBe('reconnecting');
    expect(await live.send(NEXT)).toMatchObject({ ok: false, message: expect.stringMatching(/^Not sent: reconnecting/) });
    expect(socket.sent('session:command')).toHaveLength(0);
  });

  it('[L17] keeps a note made while reconnecting on the screen with its commandId, and sends it once after the rejoin', async () => {
    const { socket, live } = await connected(3);
    socket.drop();
    const result = live.send(NOTE);
    await vi.advanceTimersByTimeAsync(0);
    const [kept] = live.store.getState().queued;
    expect(kept).toMatchObject({ command: NOTE, commandId: expect.any(String) });
    expect(socket.sent('session:command')).toHaveLength(0);
    socket.open();
    socket.last('session:join').answer(joined(stateAt(3)));
    await vi.advanceTimersByTimeAsync(0);
    const tries = socket.sent('session:command');
    expect(tries.map((t) => t.payload.commandId)).toEqual([kept!.commandId]);
    tries[0]!.answer(applied(4));
    socket.broadcast(patchTo(4));
    await vi.advanceTimersByTimeAsync(0);
    expect(await result).toEqual({ ok: true });
    expect(live.store.getState().queued).toEqual([]);
  });

  it('shows a refused handshake that no retry fixes instead of the console', async () => {
    const { socket, live } = await connected(3);
    socket.drop('io server disconnect');
    await vi.advanceTimersByTimeAsync(2_000);
    socket.refuse('UNAUTHENTICATED', 'Please sign in again.');
    expect(live.store.getState().fatal).toBe('Please sign in again.');
  });
});
