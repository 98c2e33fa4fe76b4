import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../support/clock.js';
import { signIn } from '../support/http.js';
import { createAccount, startTestServer, type TestServer } from '../support/server.js';
import { connectSocket, type TestSocket } from '../support/sockets.js';
import { LEAD } from '../support/session-fixture.js';

const clock = manualClock(Date.UTC(2026, 10, 27, 9, 0, 0));
let server: TestServer;
let socket: TestSocket;
beforeAll(async () => {
  // A burst of one command: were pings limited like commands, the second would be refused.
  server = await startTestServer({ clock, config: { commandBurst: 1, commandsPerSecond: 1 } });
  await createAccount(server, LEAD);
  socket = await connectSocket(server, (await signIn(server, LEAD.email, LEAD.password)).cookie);
});
afterAll(async () => {
  socket?.disconnect();
  await server?.close();
});

describe('clock:ping', () => {
  it('[P12] answers the server’s own time and echoes clientSentAt, with no join', async () => {
    const first = await socket.emitWithAck('clock:ping', { clientSentAt: 1_700_000_000_123 });
    expect(first).toEqual({ ok: true, serverNow: clock.now(), clientSentAt: 1_700_000_000_123 });
    clock.advance(61_000);
    const later = await socket.emitWithAck('clock:ping', { clientSentAt: 5 });
    expect(later).toEqual({ ok: true, serverNow: Date.UTC(2026, 10, 27, 9, 1, 1), clientSentAt: 5 });
  });

  it('[P12][P13] is not rate limited: twenty pings past a burst of one are all answered', async () => {
    const acks = await Promise.all(Array.from({ length: 20 }, (_, i) => socket.emitWithAck('clock:ping', { clientSentAt: i })));
    expect(acks.map((a) => a.ok && a.clientSentAt)).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('[P5][P12] a ping without a finite clientSentAt is BAD_REQUEST, and the server keeps answering', async () => {
    const bad = await (socket as unknown as { emitWithAck(e: string, p: unknown): Promise<{ ok: boolean; code?: string }> }).emitWithAck(
      'clock:ping',
      { clientSentAt: 'noon' },
    );
    expect(bad).toMatchObject({ ok: false, code: 'BAD_REQUEST' });
    expect(await socket.emitWithAck('clock:ping', { clientSentAt: 1 })).toMatchObject({ ok: true, clientSentAt: 1 });
  });
});
