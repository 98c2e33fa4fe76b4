import { afterEach, describe, expect, it } from 'vitest';
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
});
