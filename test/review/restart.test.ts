import { afterEach, describe, expect, it } from 'vitest';
import type { Review } from '../../shared/review/types.js';
import { manualClock } from '../support/clock.js';
import { apiClient } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { connectSocket, type TestSocket } from '../support/sockets.js';
import { join, send, sessionFixture } from '../support/session-fixture.js';

/**
 * A session interrupted — the server restarted twice (once live, once paused) and a screen's
 * command retried after its link dropped — reviews as one continuous session: no gap in the
 * phases, no time counted twice, no turn counted twice.
 */

const MIN = 60_000;
let server: TestServer | null = null;
let socket: TestSocket | null = null;
afterEach(async () => {
  socket?.disconnect();
  await server?.close();
});

describe('a session interrupted by restarts and a dropped link', () => {
  it('shows no gap and no double-counted time', async () => {
    const clock = manualClock();
    const fx = await sessionFixture({ clock });
    const { sessionId, member } = fx;
    const cookie = fx.lead.api.cookie;
    socket = fx.lead.socket;
    let version = 0;
    const ok = async (command: Parameters<typeof send>[2], commandId?: string, expectDuplicate = false) => {
      const ack = await send(socket!, sessionId, command, { commandId: commandId ?? crypto.randomUUID(), expectedVersion: version });
      if (!ack.ok) throw new Error(`${String(command.type)} refused: ${ack.message}`);
      expect(ack.duplicate).toBe(expectDuplicate);
      version = ack.version;
    };
    /** The server goes away for `downMinutes` and comes back on the same data; the screen reconnects. */
    const restart = async (downMinutes: number) => {
      socket!.disconnect();
      await (server ?? fx.server).close();
      clock.advance(downMinutes * MIN);
      server = await startTestServer({ dataDir: fx.server.dataDir, clock });
      socket = await connectSocket(server, cookie);
      const joined = await join(socket, sessionId, version);
      if (!joined.ok) throw new Error('join failed');
    };

    for (const name of ['Sam', 'Ana']) await ok({ type: 'attendance.mark', memberId: member[name]!, mark: 'present' });
    await ok({ type: 'session.start' });
    await ok({ type: 'floor.give', memberId: member.Sam! }, 'give-sam-1');
    clock.advance(2 * MIN);
    fx.co.socket.disconnect();
    await restart(1); // live: the room carried on, so the downtime counts
    await ok({ type: 'floor.give', memberId: member.Sam! }, 'give-sam-1', true); // the retry of a command already applied
    clock.advance(1 * MIN);
    await ok({ type: 'session.pause' });
    await restart(10); // paused: the downtime does not count
    await ok({ type: 'session.resume' });
    clock.advance(1 * MIN);
    await ok({ type: 'turn.end' }, 'end-sam-1');
    socket.disconnect(); // the link drops; the screen reconnects and resends what it had not seen acked
    socket = await connectSocket(server!, cookie);
    await join(socket, sessionId, version);
    await ok({ type: 'turn.end' }, 'end-sam-1', true);
    clock.advance(1 * MIN);
    await ok({ type: 'session.end' });

    const res = await apiClient(server!, cookie).get(`/api/sessions/${sessionId}/review`);
    expect(res.status).toBe(200);
    const review: Review = res.body.review;
    expect(review.session).toMatchObject({ wallMs: 16 * MIN, pausedMs: 10 * MIN, activeMs: 6 * MIN });
    expect(review.turns.map((t) => [t.memberId, t.talkMs])).toEqual([[member.Sam, 5 * MIN]]);
    expect(review.talk.find((t) => t.memberId === member.Sam)).toMatchObject({ turns: 1, talkMs: 5 * MIN });
    // No gap: the phase visits cover the session from start to stop.
    expect(review.phases.map((p) => [p.from, p.to])).toEqual([[review.session.startedAt, review.session.endedAt]]);
    expect(review.phases[0]!.actualMs).toBe(review.session.activeMs);
    // Nothing twice: one log entry per applied command, versions without a gap.
    expect(review.lines.map((l) => l.version)).toEqual(Array.from({ length: 8 }, (_, i) => i + 1));
    expect(review.lines.filter((l) => l.type === 'turn.end')).toHaveLength(1);
  });
});
