import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { barrier, versionsAfter } from '../support/barrier.js';
import { nextUpdate } from '../support/sockets.js';
import { send, sessionFixture, type SessionFixture } from '../support/session-fixture.js';

let fx: SessionFixture;
afterEach(() => fx.close());

/** Three present, started, Sam and Ana queued: version 6. */
beforeEach(async () => {
  fx = await sessionFixture();
  const { lead, sessionId, member } = fx;
  for (const name of ['Sam', 'Ana', 'Kit'])
    await send(lead.socket, sessionId, { type: 'attendance.mark', memberId: member[name]!, mark: 'present' });
  await send(lead.socket, sessionId, { type: 'session.start' });
  await send(lead.socket, sessionId, { type: 'queue.add', memberId: member.Sam! });
  const ack = await send(lead.socket, sessionId, { type: 'queue.add', memberId: member.Ana! });
  expect(ack).toMatchObject({ ok: true, version: 6 });
  await nextUpdate(fx.co.socket, 6);
});

describe('two facilitators, one authority', () => {
  it('[P8] both press Next speaker at the same instant: the floor advances once, the loser gets STALE and the state', async () => {
    const { lead, co, sessionId, member } = fx;
    const [a, b] = await Promise.all([
      send(lead.socket, sessionId, { type: 'floor.next' }, { expectedVersion: 6 }),
      send(co.socket, sessionId, { type: 'floor.next' }, { expectedVersion: 6 }),
    ]);
    const winners = [a, b].filter((r) => r.ok);
    const losers = [a, b].filter((r) => !r.ok);
    expect(winners).toEqual([{ ok: true, version: 7, duplicate: false }]);
    expect(losers).toHaveLength(1);
    const loser = losers[0]!;
    if (loser.ok) throw new Error('unreachable');
    expect(loser.code).toBe('STALE');
    expect(loser.state?.version).toBe(7);
    expect(loser.state?.state.context.floor?.memberId).toBe(member.Sam);
    expect(loser.state?.cause?.commandType).toBe('floor.next');
    const update = await nextUpdate(co.socket, 7);
    expect(update.state.context.queue).toEqual([member.Ana]);
    // Nothing else was applied: the next change on either screen is the barrier's, version 8.
    expect(await barrier(fx, [lead.socket, co.socket])).toBe(8);
    expect(versionsAfter(lead.socket, 6)).toEqual([7, 8]);
    expect(versionsAfter(co.socket, 6)).toEqual([7, 8]);
  });

  it('[P7] a repeated commandId applies once and returns the first result', async () => {
    const { lead, co, sessionId } = fx;
    const first = await send(lead.socket, sessionId, { type: 'floor.next' }, { commandId: 'press-0001', expectedVersion: 6 });
    const again = await send(lead.socket, sessionId, { type: 'floor.next' }, { commandId: 'press-0001', expectedVersion: 6 });
    const fromOther = await send(co.socket, sessionId, { type: 'floor.next' }, { commandId: 'press-0001', expectedVersion: 6 });
    expect(first).toEqual({ ok: true, version: 7, duplicate: false });
    expect(again).toEqual({ ok: true, version: 7, duplicate: true });
    expect(fromOther).toEqual({ ok: true, version: 7, duplicate: true });
    const log = await lead.api.get(`/api/sessions/${sessionId}/log`);
    expect(log.body.entries.filter((e: { commandId: string }) => e.commandId === 'press-0001')).toHaveLength(1);
  });

  it('[P8] a command whose meaning depends on what was seen must carry expectedVersion', async () => {
    const ack = await send(fx.lead.socket, fx.sessionId, { type: 'floor.next' });
    expect(ack).toMatchObject({ ok: false, code: 'BAD_REQUEST' });
    expect(await barrier(fx, [fx.lead.socket])).toBe(7);
    expect(versionsAfter(fx.lead.socket, 6)).toEqual([7]);
  });

  it('[P9][P11] a refused command carries the reason and the state, and nothing is broadcast', async () => {
    const { lead, co, sessionId, member } = fx;
    const before = co.socket.updates.length;
    const refused = await send(lead.socket, sessionId, { type: 'queue.add', memberId: member.Sam! });
    expect(refused).toMatchObject({ ok: false, code: 'NOT_ALLOWED', message: 'That member is already in the queue.' });
    const wrongState = await send(lead.socket, sessionId, { type: 'session.resume' });
    expect(wrongState).toMatchObject({ ok: false, code: 'WRONG_STATE' });
    expect(!wrongState.ok && wrongState.state?.version).toBe(6);
    // The first broadcast after the two refusals is the barrier's: they sent none.
    expect(await barrier(fx, [co.socket])).toBe(7);
    expect(co.socket.updates.slice(before).map((u) => u.version)).toEqual([7]);
    expect(co.socket.missed).toEqual([]);
  });
});

describe('changes and no-changes', () => {
  it('[P10] an accepted command that changes nothing makes no version, no log entry and no broadcast', async () => {
    const { lead, co, sessionId, member } = fx;
    const before = co.socket.updates.length;
    // Sam is first in the queue already: moving him to the front is accepted and changes nothing.
    const moved = await send(lead.socket, sessionId, { type: 'queue.move', memberId: member.Sam!, toIndex: 0 });
    expect(moved).toEqual({ ok: true, version: 6, duplicate: false });
    const marked = await send(lead.socket, sessionId, { type: 'attendance.mark', memberId: member.Sam!, mark: 'present' });
    expect(marked).toMatchObject({ ok: false, code: 'NOT_ALLOWED', message: 'That member is already marked present.' });
    expect(await barrier(fx, [co.socket])).toBe(7);
    expect(co.socket.updates.slice(before).map((u) => u.version)).toEqual([7]);
    const log = await lead.api.get(`/api/sessions/${sessionId}/log`);
    expect(log.body.entries.map((e: { event: { type: string } }) => e.event.type).slice(5)).toEqual(['queue.add', 'signal.send']);
  });

  it('[P7][P10] a repeat of a command accepted without a change gets its first answer back, marked duplicate', async () => {
    const { lead, co, sessionId, member } = fx;
    const move = { type: 'queue.move', memberId: member.Sam!, toIndex: 0 } as const;
    expect(await send(lead.socket, sessionId, move, { commandId: 'move-sam-first' })).toEqual({ ok: true, version: 6, duplicate: false });
    expect(await barrier(fx, [co.socket])).toBe(7);
    // The session has moved on to version 7; the repeat names the version of its first answer.
    expect(await send(co.socket, sessionId, move, { commandId: 'move-sam-first' })).toEqual({ ok: true, version: 6, duplicate: true });
    expect(await barrier(fx, [co.socket])).toBe(8);
    expect(versionsAfter(co.socket, 6)).toEqual([7, 8]);
  });
});
