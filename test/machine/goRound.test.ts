import { describe, expect, it } from 'vitest';
import { ANA, BEN, CLEO, DEV, ev, MEMBERS, run, send, type Snap } from './helpers.js';
import type { Command } from '../../shared/schemas/commands.js';

/** The check-in round in sharing: everyone in seat order, pass and come-back (BRIEF §2.3). */
const next: Command = { type: 'floor.next' };
const pass: Command = { type: 'round.pass' };

/** Present in a shuffled order, to show the round follows the seats, not the marking. */
function sharing(present: readonly string[] = [DEV, ANA, CLEO, BEN]): Snap {
  return run([
    ...present.map((memberId) => ev({ type: 'attendance.mark', memberId, mark: 'present' })),
    ev({ type: 'session.start' }, 0),
    ev({ type: 'phase.goto', phase: 'sharing' }, 60),
  ]);
}

/** Runs commands 10 s apart from `start`. */
function then(snap: Snap, commands: Command[], start = 100): Snap {
  return run(
    commands.map((c, i) => ev(c, start + i * 10)),
    snap,
  );
}

const up = (snap: Snap) => ({ current: snap.context.round?.current ?? null, floor: snap.context.floor?.memberId ?? null });

describe('go-round', () => {
  it('a member given the floor by the round leaves the speaking queue; the others keep their places', () => {
    const queued = then(sharing(), [
      { type: 'queue.add', memberId: CLEO },
      { type: 'queue.add', memberId: ANA },
      { type: 'queue.add', memberId: DEV },
    ]);
    const started = then(queued, [{ type: 'round.start' }], 200);
    expect(up(started)).toEqual({ current: ANA, floor: ANA });
    expect(started.context.queue).toEqual([CLEO, DEV]);
    const moved = then(started, [next], 300); // Ben, not queued; then Cleo
    expect(moved.context.queue).toEqual([CLEO, DEV]);
    const cleo = then(moved, [next], 400);
    expect(up(cleo)).toEqual({ current: CLEO, floor: CLEO });
    expect(cleo.context.queue).toEqual([DEV]);
  });

  it('gives the floor to each member in the room in seat order', () => {
    const snap = then(sharing([DEV, ANA, CLEO]), [{ type: 'round.start' }]);
    expect(snap.context.round?.order).toEqual([ANA, CLEO, DEV]); // Ben was never marked: absent
    expect(up(snap)).toEqual({ current: ANA, floor: ANA });
    expect(snap.context.floor?.via).toBe('round');
  });

  it('comes back at the end to a member who was out of the room when it started', () => {
    const snap = then(sharing(), [{ type: 'member.stepOut', memberId: BEN }, { type: 'round.start' }, next]);
    expect(snap.context.round?.order).toEqual([ANA, BEN, CLEO, DEV]);
    expect(up(snap)).toEqual({ current: CLEO, floor: CLEO });
    expect(snap.context.round?.comeBack).toEqual([BEN]);
    const back = then(snap, [{ type: 'member.return', memberId: BEN }, next, next], 200);
    expect(back.context.round?.returning).toBe(true);
    expect(up(back)).toEqual({ current: BEN, floor: BEN });
  });

  it('moves a member who passes to the come-back at the end', () => {
    const snap = then(sharing(), [{ type: 'round.start' }, pass]);
    expect(snap.context.round?.comeBack).toEqual([ANA]);
    expect(up(snap)).toEqual({ current: BEN, floor: BEN });
    const end = then(snap, [next, next, next], 200);
    expect(end.context.round?.returning).toBe(true);
    expect(up(end)).toEqual({ current: ANA, floor: ANA });
  });

  it('comes back to those who passed in the order they passed', () => {
    const snap = then(sharing(), [{ type: 'round.start' }, next, pass, pass, next]);
    expect(up(snap)).toEqual({ current: BEN, floor: BEN });
    expect(snap.context.round?.comeBack).toEqual([CLEO]);
  });

  it('does not come back again to a member who passes twice', () => {
    const snap = then(sharing(), [{ type: 'round.start' }, pass, next, next, next]);
    expect(up(snap)).toEqual({ current: ANA, floor: ANA });
    const end = then(snap, [pass], 300);
    expect(end.context.round).toBeNull();
    expect(end.context.floor).toBeNull();
    expect(end.context.talk[ANA]).toEqual({ turns: 0, talkMs: 0, passes: 2 });
  });

  it('comes back at the end to a member who stepped out during the round, once back', () => {
    let snap = then(sharing(), [{ type: 'round.start' }, { type: 'member.stepOut', memberId: BEN }, next]);
    expect(up(snap)).toEqual({ current: CLEO, floor: CLEO });
    expect(snap.context.round?.comeBack).toEqual([BEN]);
    snap = then(snap, [{ type: 'member.return', memberId: BEN }, next, next], 200);
    expect(up(snap)).toEqual({ current: BEN, floor: BEN });
    expect(snap.context.round?.returning).toBe(true);
  });

  it('skips a member who is still out when the come-back is reached', () => {
    const snap = then(sharing(), [{ type: 'round.start' }, { type: 'member.stepOut', memberId: BEN }, next, next, next]);
    expect(snap.context.round).toBeNull();
    expect(snap.context.talk[BEN]).toBeUndefined();
  });

  it('ends after the last member, with one turn counted for each speaker', () => {
    const started = then(sharing(), [{ type: 'round.start' }]);
    const snap = then(started, [next, next, next, next], 130); // Ana speaks 30 s, the others 10 s
    expect(snap.context.round).toBeNull();
    expect(snap.context.floor).toBeNull();
    const talkMs: Record<string, number> = { [ANA]: 30_000, [BEN]: 10_000, [CLEO]: 10_000, [DEV]: 10_000 };
    for (const id of MEMBERS) expect(snap.context.talk[id]).toEqual({ turns: 1, talkMs: talkMs[id], passes: 0 });
    expect(snap.can(ev(next, 500))).toBe(false); // the queue is empty and no round is left
  });

  it('counts passes apart from turns: a pass is not a turn and takes no talk time', () => {
    const snap = then(sharing(), [{ type: 'round.start' }, next, pass, next, next, next]);
    expect(snap.context.round).toBeNull();
    expect(snap.context.talk[BEN]).toEqual({ turns: 1, talkMs: 10_000, passes: 1 });
    expect(snap.context.talk[ANA]).toEqual({ turns: 1, talkMs: 10_000, passes: 0 });
    const turns = Object.values(snap.context.talk).reduce((n, t) => n + t.turns, 0);
    expect(turns).toBe(4);
  });

  it('"End round" ends the current turn and the round; the queue stays', () => {
    const snap = then(sharing(), [{ type: 'queue.add', memberId: DEV }, { type: 'round.start' }, { type: 'round.end' }]);
    expect(snap.context.round).toBeNull();
    expect(snap.context.floor).toBeNull();
    expect(snap.context.talk[ANA]).toEqual({ turns: 1, talkMs: 10_000, passes: 0 });
    expect(snap.context.queue).toEqual([DEV]);
  });

  it('leaving the phase ends the round', () => {
    const snap = then(sharing(), [{ type: 'round.start' }, { type: 'phase.next' }]);
    expect(snap.value).toEqual({ live: 'facilitation' });
    expect(snap.context.round).toBeNull();
    expect(snap.context.floor).toBeNull();
    expect(send(snap, ev(pass, 500))).toBe(snap);
  });
});
