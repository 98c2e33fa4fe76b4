import { randomUUID } from 'node:crypto';
import { io } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../shared/protocol.js';
import { createSyncClient, type SyncClient } from '../../shared/sync/client.js';
import { calmMessage } from '../../shared/sync/policy.js';
import { barrier, versionsAfter } from '../support/barrier.js';
import { nextUpdate } from '../support/sockets.js';
import { send, sessionFixture, type SessionFixture } from '../support/session-fixture.js';

/**
 * P45 end to end: two facilitators' screens, each the shipped sync client (shared/sync/) over a
 * real socket.io-client socket to a real server. Their clock is data the test moves, so "150 ms
 * apart" is exact and nothing sleeps.
 */
let fx: SessionFixture;
let clock: number;
const screens: SyncClient[] = [];
afterEach(async () => {
  for (const screen of screens.splice(0)) screen.close();
  await fx.close();
});

/** Three present, started, Sam and Ana queued: version 6. */
beforeEach(async () => {
  clock = 1_000_000;
  fx = await sessionFixture();
  const { lead, sessionId, member } = fx;
  for (const name of ['Sam', 'Ana', 'Kit'])
    await send(lead.socket, sessionId, { type: 'attendance.mark', memberId: member[name]!, mark: 'present' });
  await send(lead.socket, sessionId, { type: 'session.start' });
  await send(lead.socket, sessionId, { type: 'queue.add', memberId: member.Sam! });
  expect(await send(lead.socket, sessionId, { type: 'queue.add', memberId: member.Ana! })).toMatchObject({ ok: true, version: 6 });
  await nextUpdate(fx.co.socket, 6);
});

/** A facilitator's screen, joined and showing `version`. */
async function screenOf(cookie: string, version: number): Promise<SyncClient> {
  const socket = io(fx.server.url, {
    transports: ['websocket'],
    forceNew: true,
    auth: { protocolVersion: PROTOCOL_VERSION },
    extraHeaders: { cookie },
  });
  const screen = createSyncClient({ sessionId: fx.sessionId, socket, readClock: () => clock, newId: randomUUID, clock: false });
  screens.push(screen);
  await showing(screen, version);
  return screen;
}

/** Resolves once the screen shows `version` (or newer). */
function showing(screen: SyncClient, version: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => (screen.store.getState().update?.version ?? -1) >= version;
    if (done()) return resolve();
    const unsubscribe = screen.store.subscribe(() => {
      if (!done()) return;
      unsubscribe();
      resolve();
    });
  });
}

const NEXT = { type: 'floor.next' } as const;

describe('[P45] two presses within human reaction time act once', () => {
  it('Next speaker pressed on two screens 150 ms apart advances once; the second reads "Already advanced by" the first presser', async () => {
    const { lead, co, member } = fx;
    const leadScreen = await screenOf(lead.api.cookie, 6);
    const coScreen = await screenOf(co.api.cookie, 6);
    clock += 5_000; // both have shown version 6 for a while
    const first = await leadScreen.press(NEXT).settled;
    expect(first).toMatchObject({ ok: true, version: 7 });
    await showing(coScreen, 7); // Robin's screen changes under the finger…
    clock += 150; // …which presses 150 ms after Dana's press
    const second = await coScreen.press(NEXT).settled;
    expect(second).toMatchObject({ ok: false, code: 'STALE' });
    if (second.ok || second.code === 'CLOSED') throw new Error('unreachable');
    expect(second.state?.cause).toMatchObject({ actorId: lead.id, commandType: 'floor.next' });
    expect(calmMessage(second, coScreen.store.getState().update?.cause ?? null, co.id)).toBe('Already advanced by Dana Lee.');
    // Sam has the floor and Ana still waits: nothing else was applied before the barrier.
    expect(await barrier(fx, [co.socket])).toBe(8);
    expect(versionsAfter(co.socket, 6)).toEqual([7, 8]);
    const state = co.socket.updates.at(-1)!.state.context;
    expect(state.floor?.memberId).toBe(member.Sam);
    expect(state.queue).toEqual([member.Ana]);
  });

  it('Next speaker pressed on two screens 600 ms apart advances twice', async () => {
    const { lead, co, member } = fx;
    const leadScreen = await screenOf(lead.api.cookie, 6);
    const coScreen = await screenOf(co.api.cookie, 6);
    clock += 5_000;
    expect(await leadScreen.press(NEXT).settled).toMatchObject({ ok: true, version: 7 });
    await showing(coScreen, 7);
    clock += 600;
    expect(await coScreen.press(NEXT).settled).toMatchObject({ ok: true, version: 8 });
    await nextUpdate(co.socket, 8);
    const state = co.socket.updates.at(-1)!.state.context;
    expect(state.floor?.memberId).toBe(member.Ana);
    expect(state.queue).toEqual([]);
  });

  it('a double tap on one screen within the window acts once, and reads "Already done."', async () => {
    const leadScreen = await screenOf(fx.lead.api.cookie, 6);
    clock += 5_000;
    expect(await leadScreen.press(NEXT).settled).toMatchObject({ ok: true, version: 7 });
    await showing(leadScreen, 7);
    clock += 120;
    const again = await leadScreen.press(NEXT).settled;
    if (again.ok || again.code === 'CLOSED') throw new Error(`the double tap acted: ${JSON.stringify(again)}`);
    expect(calmMessage(again, leadScreen.store.getState().update?.cause ?? null, fx.lead.id)).toBe('Already done.');
    expect(await barrier(fx, [fx.co.socket])).toBe(8);
    expect(versionsAfter(fx.co.socket, 6)).toEqual([7, 8]);
  });
});
