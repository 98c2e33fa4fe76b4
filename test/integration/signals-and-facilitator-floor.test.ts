import { afterEach, describe, expect, it } from 'vitest';
import type { Command } from '../../shared/schemas/commands.js';
import { capturedLogger } from '../privacy/support.js';
import { barrier, versionsAfter } from '../support/barrier.js';
import { signIn } from '../support/http.js';
import { createAccount } from '../support/server.js';
import { join, send, sessionFixture, type SessionFixture } from '../support/session-fixture.js';
import { connectSocket, nextUpdate, type TestSocket } from '../support/sockets.js';

/** Signals that say enough and the facilitators' own time (issue 16 §8, §9) through a real server and real screens. */
let fx: SessionFixture;
afterEach(() => fx?.close());

async function act(from: TestSocket, command: Command) {
  const ack = await send(from, fx.sessionId, command);
  if (!ack.ok) throw new Error(`${command.type} refused: ${ack.code} ${ack.message}`);
  const [, other] = await Promise.all([nextUpdate(fx.lead.socket, ack.version), nextUpdate(fx.co.socket, ack.version)]);
  return { ack, other };
}

describe('signals that say enough, on two screens', () => {
  it('[P49] [P50] a Check on member with words reaches the other facilitator; "seen" reaches the sender; a non-facilitator gets none, and the server logs neither name nor words', async () => {
    const { logger, text: logged } = capturedLogger();
    fx = await sessionFixture({ logger });
    const { lead, co, member } = fx;
    // A third account, signed in and connected, that is not this session's facilitator.
    const outsider = { name: 'Olive Outside', email: 'olive@example.org', password: 'purple monkey dishwasher' };
    await createAccount(fx.server, outsider);
    const outsiderApi = await signIn(fx.server, outsider.email, outsider.password);
    const watcher = await connectSocket(fx.server, outsiderApi.cookie);
    try {
      expect(await join(watcher, fx.sessionId)).toMatchObject({ ok: false, code: 'FORBIDDEN' });

      const words = 'Ana went very quiet after the check-in';
      const sent = await send(co.socket, fx.sessionId, { type: 'signal.send', kind: 'checkOnMember', memberId: member.Ana!, text: words });
      expect(sent).toMatchObject({ ok: true, duplicate: false });
      if (!sent.ok) return;
      const arrived = await nextUpdate(lead.socket, sent.version);
      const signal = arrived.state.context.signals.at(-1)!;
      expect(signal).toMatchObject({ kind: 'checkOnMember', memberId: member.Ana, text: words, from: co.id, ackedAt: null });
      expect(arrived.cause).toMatchObject({ actorId: co.id, commandType: 'signal.send' });

      const seen = await send(lead.socket, fx.sessionId, { type: 'signal.ack', signalId: signal.id });
      expect(seen).toMatchObject({ ok: true });
      if (!seen.ok) return;
      const onSender = await nextUpdate(co.socket, seen.version);
      expect(onSender.state.context.signals.find((s) => s.id === signal.id)).toMatchObject({ ackedBy: lead.id, text: words });

      // Barrier: every broadcast up to here has reached the facilitators; the outsider got nothing.
      await barrier(fx, [lead.socket, co.socket]);
      expect(watcher.updates).toEqual([]);
      expect(logged()).not.toContain(words);
      expect(logged()).not.toContain('Ana');
    } finally {
      watcher.disconnect();
    }
  });

  it('[P49] Check on member without a member, and words past 80 characters, are refused BAD_REQUEST; nothing is broadcast', async () => {
    fx = await sessionFixture();
    const unnamed = await send(fx.co.socket, fx.sessionId, { type: 'signal.send', kind: 'checkOnMember' });
    expect(unnamed).toMatchObject({ ok: false, code: 'BAD_REQUEST' });
    const long = await send(fx.co.socket, fx.sessionId, { type: 'signal.send', kind: 'wrapUp', text: 'x'.repeat(81) });
    expect(long).toMatchObject({ ok: false, code: 'BAD_REQUEST' });
    const at = await barrier(fx, [fx.lead.socket]);
    expect(versionsAfter(fx.lead.socket, 0)).toEqual([at]);
  });
});

describe('the facilitators’ own time, on two screens', () => {
  it('[P51] the floor given to the co-facilitator by role is timed and tallied under their speaker id, and undone like a member’s', async () => {
    fx = await sessionFixture();
    const { lead, co, member } = fx;
    await act(lead.socket, { type: 'attendance.mark', memberId: member.Sam!, mark: 'present' });
    await act(lead.socket, { type: 'session.start' });

    const { other: given } = await act(lead.socket, { type: 'floor.give', facilitator: 'co' });
    expect(given.state.context.floor).toMatchObject({ memberId: 'facilitator:co', via: 'direct' });
    expect(given.cause).toMatchObject({ actorId: lead.id, commandType: 'floor.give' });

    const refused = await send(co.socket, fx.sessionId, { type: 'floor.give', facilitator: 'co' });
    expect(refused).toMatchObject({ ok: false, code: 'NOT_ALLOWED', message: 'The co-facilitator already has the floor.' });
    const both = await send(co.socket, fx.sessionId, { type: 'floor.give', facilitator: 'co', memberId: member.Sam! });
    expect(both).toMatchObject({ ok: false, code: 'BAD_REQUEST' });

    const { other: undone } = await act(co.socket, { type: 'floor.undo', facilitator: 'co', toQueueIndex: null });
    expect(undone.state.context.floor).toBeNull();
    expect(undone.state.context.talk['facilitator:co']).toBeUndefined();

    await act(co.socket, { type: 'queue.add', facilitator: 'lead' });
    const next = await send(co.socket, fx.sessionId, { type: 'floor.next' }, { expectedVersion: co.socket.updates.at(-1)!.version });
    expect(next).toMatchObject({ ok: true });
    if (!next.ok) return;
    const ended = await send(lead.socket, fx.sessionId, { type: 'turn.end' }, { expectedVersion: next.version });
    expect(ended).toMatchObject({ ok: true });
    if (!ended.ok) return;
    const onCo = await nextUpdate(co.socket, ended.version);
    expect(onCo.state.context.talk['facilitator:lead']).toMatchObject({ turns: 1 });
  });
});
