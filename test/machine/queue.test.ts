import { describe, expect, it } from 'vitest';
import type { Command } from '../../shared/schemas/commands.js';
import { ANA, at, BEN, CLEO, DEV, ev, liveSession, run, type Snap } from './helpers.js';

/** The speaking queue in open discussion (BRIEF §2.4). */
const add = (memberId: string): Command => ({ type: 'queue.add', memberId });
const next: Command = { type: 'floor.next' };

/** In facilitation since 60 s; commands 10 s apart from `start`. */
const facilitation = () => liveSession([ev({ type: 'phase.goto', phase: 'facilitation' }, 60)]);
const then = (snap: Snap, commands: Command[], start = 100): Snap =>
  run(
    commands.map((c, i) => ev(c, start + i * 10)),
    snap,
  );

describe('speaking queue', () => {
  it('keeps members in the order they asked', () => {
    const snap = then(facilitation(), [add(CLEO), add(ANA), add(BEN)]);
    expect(snap.context.queue).toEqual([CLEO, ANA, BEN]);
  });

  it('lets a facilitator move a member up or down, and take one out', () => {
    let snap = then(facilitation(), [add(ANA), add(BEN), add(CLEO), { type: 'queue.move', memberId: CLEO, toIndex: 0 }]);
    expect(snap.context.queue).toEqual([CLEO, ANA, BEN]);
    snap = then(snap, [{ type: 'queue.move', memberId: CLEO, toIndex: 2 }], 200);
    expect(snap.context.queue).toEqual([ANA, BEN, CLEO]);
    snap = then(snap, [{ type: 'queue.remove', memberId: BEN }], 300);
    expect(snap.context.queue).toEqual([ANA, CLEO]);
  });

  it('"Next speaker" gives the floor to the head of the queue', () => {
    const snap = then(facilitation(), [add(BEN), add(ANA), next]);
    expect(snap.context.floor).toMatchObject({ memberId: BEN, via: 'queue', held: false, allotmentMs: 120_000 });
    expect(snap.context.queue).toEqual([ANA]);
  });

  it('"Next speaker" ends the current turn and counts it', () => {
    const snap = then(facilitation(), [add(BEN), add(ANA), next, next]); // Ben speaks 120 → 130
    expect(snap.context.floor?.memberId).toBe(ANA);
    expect(snap.context.queue).toEqual([]);
    expect(snap.context.talk[BEN]).toEqual({ turns: 1, talkMs: 10_000, passes: 0 });
  });

  it('giving the floor directly takes the member out of the queue', () => {
    const snap = then(facilitation(), [add(ANA), add(BEN), { type: 'floor.give', memberId: BEN }]);
    expect(snap.context.floor).toMatchObject({ memberId: BEN, via: 'direct' });
    expect(snap.context.queue).toEqual([ANA]);
  });

  it('a member who steps out loses their place in the queue', () => {
    const snap = then(facilitation(), [add(ANA), add(BEN), { type: 'member.stepOut', memberId: ANA }]);
    expect(snap.context.queue).toEqual([BEN]);
    expect(snap.context.attendance[ANA]?.steppedOutAt).toBe(at(120));
  });

  it('a speaker who steps out ends their turn, and it is counted', () => {
    const snap = then(facilitation(), [{ type: 'floor.give', memberId: DEV }, add(ANA), { type: 'member.stepOut', memberId: DEV }]);
    expect(snap.context.floor).toBeNull();
    expect(snap.context.talk[DEV]).toEqual({ turns: 1, talkMs: 20_000, passes: 0 });
    expect(snap.context.queue).toEqual([ANA]);
  });

  it('a member marked as having left loses the floor and their place', () => {
    const snap = then(facilitation(), [
      { type: 'floor.give', memberId: DEV },
      add(ANA),
      { type: 'attendance.mark', memberId: DEV, mark: 'left' },
      { type: 'attendance.mark', memberId: ANA, mark: 'absent' },
    ]);
    expect(snap.context.floor).toBeNull();
    expect(snap.context.queue).toEqual([]);
    expect(snap.context.attendance[DEV]).toMatchObject({ status: 'left', leftAt: at(120) });
  });

  it('can be arranged during a break, and is waiting when the session resumes', () => {
    const snap = then(facilitation(), [{ type: 'session.pause' }, add(CLEO), add(ANA), { type: 'session.resume' }, next]);
    expect(snap.context.floor?.memberId).toBe(CLEO);
    expect(snap.context.queue).toEqual([ANA]);
  });

  it('waits across a change of phase', () => {
    const snap = then(facilitation(), [add(CLEO), { type: 'phase.next' }]);
    expect(snap.value).toEqual({ live: 'skillDevelopment' });
    expect(snap.context.queue).toEqual([CLEO]);
  });

  it('is cleared when the session ends', () => {
    const snap = then(facilitation(), [add(CLEO), { type: 'session.end' }]);
    expect(snap.context.queue).toEqual([]);
    expect(snap.status).toBe('done');
  });
});
