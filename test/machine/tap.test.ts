import { describe, expect, it } from 'vitest';
import type { Command } from '../../shared/schemas/commands.js';
import { tapAction, UNDO_ACCEPTED_MS } from '../../shared/session/tap.js';
import { reasonAgainst } from '../../shared/session/rules.js';
import { ANA, BEN, CLEO, ev, liveSession, run, send, type Snap } from './helpers.js';

/** One tap on a member tile and its Undo (issue 16 item 4). */
const then = (snap: Snap, commands: Command[], start = 100): Snap =>
  run(
    commands.map((c, i) => ev(c, start + i)),
    snap,
  );
const add = (memberId: string): Command => ({ type: 'queue.add', memberId });

describe('[P46] what one tap on a tile does', () => {
  it('gives the floor when nobody has it; its Undo takes it back', () => {
    const snap = liveSession();
    expect(tapAction(snap.context, ANA)).toEqual({
      command: { type: 'floor.give', memberId: ANA },
      undo: { type: 'floor.undo', memberId: ANA, toQueueIndex: null },
      did: 'give',
    });
  });

  it('with someone on the floor, adds to the queue, or takes off it (Undo puts them back in their place)', () => {
    const snap = then(liveSession(), [{ type: 'floor.give', memberId: ANA }, add(BEN), add(CLEO)]);
    expect(tapAction(snap.context, BEN)).toMatchObject({
      command: { type: 'queue.remove', memberId: BEN },
      undo: { type: 'queue.add', memberId: BEN, toIndex: 0 },
    });
    const bare = then(liveSession(), [{ type: 'floor.give', memberId: ANA }]);
    expect(tapAction(bare.context, BEN)).toMatchObject({ command: add(BEN), undo: { type: 'queue.remove', memberId: BEN } });
  });

  it('a queued member tapped while nobody speaks gets the floor; the Undo puts them back at their place in the queue', () => {
    const snap = then(liveSession(), [add(BEN), add(ANA), add(CLEO)]);
    const tap = tapAction(snap.context, ANA)!;
    expect(tap.undo).toEqual({ type: 'floor.undo', memberId: ANA, toQueueIndex: 1 });
    const given = then(snap, [tap.command], 200);
    expect(given.context.queue).toEqual([BEN, CLEO]);
    const undone = then(given, [tap.undo], 203);
    expect(undone.context.floor).toBeNull();
    expect(undone.context.queue).toEqual([BEN, ANA, CLEO]);
  });

  it('does nothing at once for the speaker, a member out of the room, before the start; queues while paused', () => {
    const snap = then(liveSession(), [
      { type: 'floor.give', memberId: ANA },
      { type: 'member.stepOut', memberId: BEN },
    ]);
    expect(tapAction(snap.context, ANA)).toBeNull();
    expect(tapAction(snap.context, BEN)).toBeNull();
    expect(tapAction(run([]).context, ANA)).toBeNull();
    const paused = then(liveSession(), [{ type: 'session.pause' }]);
    expect(tapAction(paused.context, ANA)).toMatchObject({ command: add(ANA) });
  });
});

describe('[P46] floor.undo: a give taken back is no turn', () => {
  it('clears the floor and counts no turn and no talk time', () => {
    const given = then(liveSession(), [{ type: 'floor.give', memberId: ANA }]);
    const undone = send(given, ev({ type: 'floor.undo', memberId: ANA, toQueueIndex: null }, 104));
    expect(undone.context.floor).toBeNull();
    expect(undone.context.talk[ANA]).toBeUndefined();
    expect(undone.context.queue).toEqual([]);
  });

  it('is refused after the undo window, for another member, for a floor given by Next speaker, and with nobody on the floor', () => {
    const given = then(liveSession(), [{ type: 'floor.give', memberId: ANA }]);
    const late = ev({ type: 'floor.undo', memberId: ANA, toQueueIndex: null }, 100 + UNDO_ACCEPTED_MS / 1000 + 1);
    expect(reasonAgainst(given.context, late)).toBe('Too late to undo: the turn has begun. End the turn instead.');
    expect(send(given, late)).toBe(given);
    const other = ev({ type: 'floor.undo', memberId: BEN, toQueueIndex: null }, 101);
    expect(send(given, other)).toBe(given);
    const queued = then(liveSession(), [add(ANA), { type: 'floor.next' }]);
    const fromQueue = ev({ type: 'floor.undo', memberId: ANA, toQueueIndex: null }, 102);
    expect(reasonAgainst(queued.context, fromQueue)).toBe('Only a floor given with a tap can be undone.');
    expect(send(queued, fromQueue)).toBe(queued);
    const nobody = liveSession();
    expect(send(nobody, ev({ type: 'floor.undo', memberId: ANA, toQueueIndex: null }, 50))).toBe(nobody);
  });

  it('at the edge of the window is still taken', () => {
    const given = then(liveSession(), [{ type: 'floor.give', memberId: ANA }]);
    const edge = {
      ...ev({ type: 'floor.undo', memberId: ANA, toQueueIndex: null }, 100),
      at: given.context.floor!.watch.startedAt + UNDO_ACCEPTED_MS,
    };
    expect(send(given, edge as never)).not.toBe(given);
  });
});

describe('[P46] queue.add with a place', () => {
  it('puts the member at that place, or at the end when the queue is shorter', () => {
    const snap = then(liveSession(), [add(ANA), add(BEN), { type: 'queue.add', memberId: CLEO, toIndex: 1 }]);
    expect(snap.context.queue).toEqual([ANA, CLEO, BEN]);
    const short = then(liveSession(), [add(ANA), { type: 'queue.add', memberId: BEN, toIndex: 9 }]);
    expect(short.context.queue).toEqual([ANA, BEN]);
  });
});
