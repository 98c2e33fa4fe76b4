import { afterEach, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION } from '../../shared/protocol.js';
import { CROSS_ORIGIN_MESSAGE } from '../../server/socket/origin.js';
import { manualClock } from '../support/clock.js';
import { signIn } from '../support/http.js';
import { connectSocket, nextUpdate, type TestSocket } from '../support/sockets.js';
import { join, LEAD, send, sessionFixture, type SessionFixture } from '../support/session-fixture.js';

let fx: SessionFixture;
const opened: Socket[] = [];
afterEach(async () => {
  for (const s of opened.splice(0)) s.close();
  await fx?.close();
});

/** Resolves with the reason once the server has closed `socket`; rejects if it has not within `ms`. */
function closedByServer(socket: Socket, ms = 5_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the socket was still open after ${ms} ms`)), ms);
    socket.once('disconnect', (reason) => {
      clearTimeout(timer);
      resolve(reason);
    });
  });
}

/** The other screen acts; once its own socket has the change, `quiet` has had every chance to get it too. */
async function changeSeenBy(fx: SessionFixture, watchers: TestSocket[]): Promise<number> {
  const ack = await send(fx.co.socket, fx.sessionId, { type: 'attendance.mark', memberId: fx.member.Sam!, mark: 'present' });
  if (!ack.ok) throw new Error(`command refused: ${ack.code}`);
  for (const socket of [fx.co.socket, ...watchers]) await nextUpdate(socket, ack.version);
  return ack.version;
}

describe('sockets of a locked or expired sign-in', () => {
  it('[S33][P24] locking a screen closes its sockets: it receives nothing until unlocked, then rejoins by version', async () => {
    fx = await sessionFixture();
    // The same person on another device: not locked, still served.
    const otherDevice = await signIn(fx.server, LEAD.email, LEAD.password);
    const other = await connectSocket(fx.server, otherDevice.cookie);
    opened.push(other);
    expect(await join(other, fx.sessionId)).toMatchObject({ ok: true });

    const closed = closedByServer(fx.lead.socket);
    expect((await fx.lead.api.post('/api/lock', {})).status).toBe(204);
    expect(await closed).toBe('io server disconnect');

    const version = await changeSeenBy(fx, [other]);
    expect(fx.lead.socket.updates).toEqual([]);
    // Until the password is given, the screen cannot come back.
    await expect(connectSocket(fx.server, fx.lead.api.cookie)).rejects.toMatchObject({ data: { code: 'LOCKED' } });

    expect((await fx.lead.api.post('/api/unlock', { password: LEAD.password })).status).toBe(204);
    const back = await connectSocket(fx.server, fx.lead.api.cookie);
    opened.push(back);
    const rejoined = await join(back, fx.sessionId, 0); // the version it held when it was locked
    expect(rejoined).toMatchObject({ ok: true, version, update: { version } });
  });

  it('[S34][P24] a socket whose sign-in expired is disconnected by the timer without sending anything; one still in time is not', async () => {
    const clock = manualClock(Date.now());
    fx = await sessionFixture({ clock, config: { socketSweepMs: 20 } });
    const sockets = [...fx.server.app.io.of('/').sockets.values()];
    const expiry = (userId: string) => sockets.find((s) => s.data.userId === userId)!.data.expiresAt;
    // The lead signed in first, so its sign-in ends first; the clock stops between the two.
    expect(expiry(fx.lead.id)).toBeLessThan(expiry(fx.co.id));

    const closed = closedByServer(fx.lead.socket);
    clock.set(expiry(fx.lead.id));
    expect(await closed).toBe('io server disconnect');

    await changeSeenBy(fx, []);
    expect(fx.co.socket.connected).toBe(true);
    expect(fx.lead.socket.updates).toEqual([]);
  });
});

describe('sockets from another origin', () => {
  for (const transport of ['websocket', 'polling'] as const) {
    it(`[S10][P19] over ${transport}: refused FORBIDDEN before the sign-in is read, and Socket.IO does not retry`, async () => {
      fx = await sessionFixture();
      const foreign = io(fx.server.url, {
        transports: [transport],
        forceNew: true,
        reconnectionDelay: 20, // were it retried, it would be at once
        // A wrong protocol version too: the origin is judged first, so this is not PROTOCOL_MISMATCH.
        auth: { protocolVersion: PROTOCOL_VERSION + 1 },
        extraHeaders: { cookie: fx.lead.api.cookie, origin: 'http://evil.example' },
      });
      opened.push(foreign);
      const error = await new Promise<Error & { data?: unknown }>((resolve) => foreign.once('connect_error', resolve));
      expect(error.data).toEqual({ code: 'FORBIDDEN', message: CROSS_ORIGIN_MESSAGE });
      // Inactive: the client will not reconnect by itself (the shipped client treats FORBIDDEN as fatal).
      expect(foreign.active).toBe(false);
      expect(foreign.connected).toBe(false);
    });
  }
});
