import { afterEach, describe, expect, it } from 'vitest';
import { Screen } from '../faults/support/screen.js';
import { connectSocket, nextUpdate } from '../support/sockets.js';
import { join, send, sessionFixture, type SessionFixture } from '../support/session-fixture.js';

let fx: SessionFixture;
afterEach(() => fx.close());

describe('resync by version', () => {
  it('[P4] a screen offline for a while catches up on rejoin with the version it holds', async () => {
    fx = await sessionFixture();
    const { lead, co, sessionId, member } = fx;
    await send(lead.socket, sessionId, { type: 'attendance.mark', memberId: member.Sam!, mark: 'present' });
    await nextUpdate(co.socket, 1);
    const held = co.socket.updates.at(-1)!.version;
    co.socket.disconnect();

    await send(lead.socket, sessionId, { type: 'attendance.mark', memberId: member.Ana!, mark: 'present' });
    await send(lead.socket, sessionId, { type: 'session.start' });
    await send(lead.socket, sessionId, { type: 'floor.give', memberId: member.Ana! });

    const back = await connectSocket(fx.server, co.api.cookie);
    const ack = await join(back, sessionId, held);
    expect(ack).toMatchObject({ ok: true, version: 4 });
    if (!ack.ok) throw new Error('unreachable');
    expect(ack.update?.version).toBe(4);
    expect(ack.update?.state.context.floor?.memberId).toBe(member.Ana);
    expect(ack.update?.state).toEqual(lead.socket.updates.at(-1)!.state);

    const upToDate = await join(back, sessionId, 4);
    expect(upToDate).toMatchObject({ ok: true, version: 4, update: null });
    // Back in the room: the next change reaches it.
    await send(lead.socket, sessionId, { type: 'turn.end' }, { expectedVersion: 4 });
    expect((await nextUpdate(back, 5)).state.context.floor).toBeNull();
    back.disconnect();
  });

  it('[P4][P23] the shipped client catches up by itself after its connection drops, and a press made meanwhile is applied once', async () => {
    fx = await sessionFixture();
    const { lead, co, sessionId, member } = fx;
    const screen = new Screen(fx.server.url, co.api.cookie, sessionId);
    try {
      await screen.joined();
      await send(lead.socket, sessionId, { type: 'attendance.mark', memberId: member.Sam!, mark: 'present' });
      await screen.reach(1);

      // The network goes (not a disconnect the client asked for): Socket.IO reconnects by itself.
      screen.socket.io.engine.close();
      expect(screen.connected).toBe(false);
      const note = screen.send({ type: 'note.add', text: 'Said while the link was down.', memberId: null, private: false });
      expect(note.attempts, 'held by the client, not handed to Socket.IO’s offline buffer').toBe(0);
      await send(lead.socket, sessionId, { type: 'attendance.mark', memberId: member.Ana!, mark: 'present' });
      await send(lead.socket, sessionId, { type: 'session.start' });

      await screen.joined(1);
      const outcome = await note.settled;
      expect(outcome).toMatchObject({ ok: true, duplicate: false });
      if (!outcome.ok) throw new Error('unreachable');
      await nextUpdate(lead.socket, outcome.version);
      await screen.reach(outcome.version);
      expect(screen.state!.state).toEqual(lead.socket.updates.at(-1)!.state);
      const log = (await lead.api.get(`/api/sessions/${sessionId}/log`)).body.entries as { commandId: string }[];
      expect(log.filter((e) => e.commandId === note.commandId)).toHaveLength(1);
    } finally {
      screen.close();
    }
  });
});
