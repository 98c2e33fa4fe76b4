import { afterEach, describe, expect, it } from 'vitest';
import type { CommandAck } from '../../shared/protocol.js';
import type { Command } from '../../shared/schemas/commands.js';
import { manualClock } from '../support/clock.js';
import { nextUpdate, type TestSocket } from '../support/sockets.js';
import { join, send, sessionFixture, type SessionFixture } from '../support/session-fixture.js';

let fx: SessionFixture;
afterEach(() => fx?.close());

/** Sends, expects success, and returns the new version once both screens have it. */
async function act(from: TestSocket, command: Command, expectVersioned = false): Promise<number> {
  const current = Math.max(0, ...fx.lead.socket.updates.map((u) => u.version));
  const ack: CommandAck = await send(from, fx.sessionId, command, expectVersioned ? { expectedVersion: current } : {});
  if (!ack.ok) throw new Error(`${command.type} refused: ${ack.code} ${ack.message}`);
  await Promise.all([nextUpdate(fx.lead.socket, ack.version), nextUpdate(fx.co.socket, ack.version)]);
  return ack.version;
}

describe('a whole session, lead and co-facilitator together', () => {
  it('[P10] runs lobby → phases → ended, and both screens receive every change in order', async () => {
    const clock = manualClock();
    fx = await sessionFixture({ clock });
    const { lead, co, member } = fx;
    const tick = (minutes: number) => clock.advance(minutes * 60_000);

    for (const name of ['Sam', 'Ana', 'Kit']) await act(lead.socket, { type: 'attendance.mark', memberId: member[name]!, mark: 'present' });
    await act(co.socket, { type: 'attendance.mark', memberId: member.Jo!, mark: 'absent' });
    await act(lead.socket, { type: 'session.start' });
    await act(lead.socket, { type: 'agreements.reviewed' });
    tick(10);
    await act(lead.socket, { type: 'phase.next' }, true);

    // Sharing: a go-round in seat order with a pass and a come-back.
    await act(co.socket, { type: 'round.start' });
    tick(2);
    await act(lead.socket, { type: 'round.pass' }, true); // Sam passes
    tick(3);
    await act(co.socket, { type: 'floor.next' }, true); // Ana → Kit
    tick(2);
    await act(co.socket, { type: 'floor.next' }, true); // Kit → back to Sam
    const comeBack = lead.socket.updates.at(-1)!.state.context;
    expect(comeBack.floor?.memberId).toBe(member.Sam);
    expect(comeBack.round?.returning).toBe(true);
    tick(1);
    await act(lead.socket, { type: 'floor.next' }, true); // round over
    expect(co.socket.updates.at(-1)!.state.context.round).toBeNull();

    // Facilitation: a queue of two, a paused turn, a session pause.
    await act(lead.socket, { type: 'phase.next' }, true);
    await act(co.socket, { type: 'queue.add', memberId: member.Kit! });
    await act(lead.socket, { type: 'queue.add', memberId: member.Ana! });
    await act(lead.socket, { type: 'floor.next' }, true);
    expect(lead.socket.updates.at(-1)!.state.context.floor?.memberId).toBe(member.Kit);
    await act(co.socket, { type: 'turn.pause' });
    tick(1);
    await act(co.socket, { type: 'turn.resume' });
    await act(lead.socket, { type: 'session.pause' });
    tick(5);
    await act(lead.socket, { type: 'session.resume' });
    tick(1);
    await act(lead.socket, { type: 'floor.next' }, true); // Kit spoke 1 minute (pauses excluded)
    await act(co.socket, { type: 'flag.raise', kind: 'distress', memberId: member.Ana!, text: null });
    await act(co.socket, { type: 'signal.send', kind: 'wrapUp' });
    const signalId = lead.socket.updates.at(-1)!.state.context.signals[0]!.id;
    await act(lead.socket, { type: 'signal.ack', signalId });
    await act(lead.socket, { type: 'phase.goto', phase: 'sharing' }); // jump back a phase
    await act(lead.socket, { type: 'phase.goto', phase: 'feedback' });
    await act(co.socket, { type: 'note.add', text: 'Ana calmer by the end.', memberId: member.Ana!, private: false });
    const last = await act(lead.socket, { type: 'session.end' });

    const leadVersions = lead.socket.updates.map((u) => u.version);
    const coVersions = co.socket.updates.map((u) => u.version);
    expect(leadVersions).toEqual(Array.from({ length: last }, (_, i) => i + 1));
    expect(coVersions).toEqual(leadVersions);
    const final = co.socket.updates.at(-1)!.state;
    expect(final.status).toBe('ended');
    expect(final.context.talk[member.Kit!]).toMatchObject({ turns: 2, talkMs: 2 * 60_000 + 60_000 });
    expect(final.context.talk[member.Sam!]).toMatchObject({ passes: 1, turns: 1 });
    expect(final.context.flags).toHaveLength(1);
    expect(final.context.signals[0]!.ackedBy).toBe(lead.id);
    expect(final.members.map((m) => m.name)).toEqual(['Sam', 'Ana', 'Kit', 'Jo']);
    // Every broadcast was a patch of the version before, and the states the screens built from
    // them are the server's own: a fresh screen joining now receives the same.
    expect([lead.socket.missed, co.socket.missed]).toEqual([[], []]);
    const fresh = await join(co.socket, fx.sessionId);
    expect(fresh.ok && fresh.update?.state).toEqual(final);

    const log = await lead.api.get(`/api/sessions/${fx.sessionId}/log`);
    expect(log.status).toBe(200);
    expect(log.body.entries.map((e: { version: number }) => e.version)).toEqual(leadVersions);
    expect(log.body.entries.at(-1).event.type).toBe('session.end');
  });

  it('[P10] the sender gets its ack before the broadcast, and the broadcast names who acted', async () => {
    fx = await sessionFixture();
    const order: string[] = [];
    fx.co.socket.on('session:patch', () => order.push('state'));
    // A plain callback, not a promise: it records the moment the ack is decoded.
    const ack = await new Promise((resolve) =>
      fx.co.socket.emit(
        'session:command',
        {
          sessionId: fx.sessionId,
          commandId: 'ack-order-1',
          command: { type: 'attendance.mark', memberId: fx.member.Sam!, mark: 'present' },
        },
        (result) => {
          order.push('ack');
          resolve(result);
        },
      ),
    );
    const update = await nextUpdate(fx.lead.socket, 1);
    await nextUpdate(fx.co.socket, 1);
    expect(ack).toEqual({ ok: true, version: 1, duplicate: false });
    // The whole order on the sender's connection: one ack, then one broadcast, nothing else.
    expect(order).toEqual(['ack', 'state']);
    expect(update.cause).toEqual({ actorId: fx.co.id, actorName: 'Robin Park', commandType: 'attendance.mark' });
    expect(update.state.context.attendance[fx.member.Sam!]).toMatchObject({ status: 'present' });
  });
});
