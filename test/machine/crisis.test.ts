import { describe, expect, it } from 'vitest';
import { activeCrisis, steppedOutWith } from '../../shared/session/crisis.js';
import { reasonAgainst } from '../../shared/session/rules.js';
import { timersAt } from '../../shared/session/timing.js';
import { ANA, at, BEN, CO, DEV, ev, LEAD, liveSession, run, send, STRANGER } from './helpers.js';

/** A crisis in one command (issue 16 §6): pause, Risk flag, "I'll take this", and a member stepping out with the one who takes it. */

const crisis = (memberId: string | null, stepOut: boolean, sec = 100, actor = LEAD) => ({
  ...ev({ type: 'crisis.pause', memberId, stepOut }, sec, actor),
  id: `crisis-${sec}`,
});

describe('crisis pause', () => {
  it('[P42] pauses every clock, raises a Risk flag, signals "I\'ll take this" and steps the member out with the sender, as one event', () => {
    const before = liveSession([ev({ type: 'phase.goto', phase: 'facilitation' }, 10), ev({ type: 'floor.give', memberId: ANA }, 20)]);
    const after = run([crisis(ANA, true)], before);
    expect(after.value).toBe('paused');
    expect(after.context.floor).toBeNull(); // Ana's turn ended as she stepped out
    expect(after.context.talk[ANA]?.talkMs).toBe(80_000);
    expect(after.context.flags).toEqual([
      { id: 'crisis-100-flag', kind: 'risk', memberId: ANA, text: null, phase: 'facilitation', at: at(100), by: LEAD },
    ]);
    expect(after.context.signals).toEqual([
      { id: 'crisis-100-signal', kind: 'illTakeThis', memberId: ANA, text: null, from: LEAD, at: at(100), ackedAt: null, ackedBy: null },
    ]);
    expect(after.context.attendance[ANA]!.steppedOutAt).toBe(at(100));
    expect(steppedOutWith(after.context, ANA)).toBe(LEAD);
    expect(activeCrisis(after.context)).toMatchObject({ by: LEAD, memberId: ANA, stepOut: true });
    // Paused: the session clock stands still from the crisis on.
    expect(timersAt(after.context, at(500)).session?.elapsedMs).toBe(100_000);
  });

  it('[P42] about the group, nobody steps out; the other facilitator acknowledges the signal as any other', () => {
    const after = run([crisis(null, false, 50), { ...ev({ type: 'signal.ack', signalId: 'crisis-50-signal' }, 60, CO) }], liveSession());
    expect(after.context.flags[0]).toMatchObject({ kind: 'risk', memberId: null });
    expect(after.context.signals[0]).toMatchObject({ ackedBy: CO, ackedAt: at(60) });
    expect(Object.values(after.context.attendance).every((a) => a.steppedOutAt === null)).toBe(true);
  });

  it('[P42] while already paused, it does everything but pause again; resuming ends it, the member still out', () => {
    const paused = liveSession([ev({ type: 'session.pause' }, 40)]);
    const after = run([crisis(BEN, true, 70)], paused);
    expect(after.value).toBe('paused');
    expect(after.context.clock?.pausedAt).toBe(at(40));
    expect(activeCrisis(after.context)?.memberId).toBe(BEN);
    const resumed = run([ev({ type: 'session.resume' }, 300)], after);
    expect(activeCrisis(resumed.context)).toBeNull();
    expect(steppedOutWith(resumed.context, BEN)).toBe(LEAD);
    const back = run([ev({ type: 'member.return', memberId: BEN }, 400)], resumed);
    expect(steppedOutWith(back.context, BEN)).toBeNull();
  });

  it.each([
    ['a stranger', STRANGER, false, 'That member is not in this group.'],
    ['a step-out without a member', null, true, 'Choose the member who steps out.'],
    ['a step-out of a member not here', DEV, true, 'That member is not marked present.'],
  ] as const)('[P42] %s is refused with the reason', (_, memberId, stepOut, reason) => {
    const snap = liveSession([], [ANA, BEN]);
    const event = crisis(memberId, stepOut);
    expect(reasonAgainst(snap.context, event)).toBe(reason);
    expect(send(snap, event)).toBe(snap);
  });

  it('[P42] a member already out cannot step out again, but a crisis about them can still be called', () => {
    const snap = liveSession([ev({ type: 'member.stepOut', memberId: ANA }, 10)]);
    expect(reasonAgainst(snap.context, crisis(ANA, true))).toBe('That member has already stepped out.');
    expect(reasonAgainst(snap.context, crisis(ANA, false))).toBeNull();
  });
});
