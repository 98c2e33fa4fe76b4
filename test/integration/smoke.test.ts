import { afterEach, describe, expect, it } from 'vitest';
import { nextUpdate } from '../support/sockets.js';
import { send, sessionFixture, type SessionFixture } from '../support/session-fixture.js';

let fx: SessionFixture;
afterEach(() => fx?.close());

describe('smoke', () => {
  it('starts a session and both screens see it', async () => {
    fx = await sessionFixture();
    const { lead, co, sessionId, member } = fx;
    expect(await send(lead.socket, sessionId, { type: 'attendance.mark', memberId: member.Sam!, mark: 'present' })).toMatchObject({ ok: true, version: 1 });
    expect(await send(co.socket, sessionId, { type: 'session.start' })).toMatchObject({ ok: true, version: 2 });
    const seen = await nextUpdate(lead.socket, 2);
    expect(seen.state.status).toBe('live');
    expect((await nextUpdate(co.socket, 2)).state.phase).toBe('introduction');
  });
});
