import { describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../shared/session/events.js';
import { replay } from '../../server/live/restore.js';
import type { LogEntry } from '../../server/store/types.js';
import { ANA, at, BEN, CLEO, LEAD, MEMBERS, PLAN } from './helpers.js';

/** A log as the store keeps it: one entry per event, versions from 1. */
const logOf = (events: readonly SessionEvent[]): LogEntry[] =>
  events.map((event, i) => ({ sessionId: 's1', version: i + 1, at: event.at, actorId: event.actor, commandId: `c${i + 1}`, event }));

describe('a log written under an older machine', () => {
  it('[P36] a lobby "late" logged before the rule replays as present: the session open at an upgrade restores, its log untouched', () => {
    const events = [
      { type: 'attendance.mark', memberId: ANA, mark: 'present', at: at(0), actor: LEAD },
      { type: 'attendance.mark', memberId: BEN, mark: 'late', at: at(1), actor: LEAD },
      { type: 'session.start', at: at(2), actor: LEAD },
      { type: 'attendance.mark', memberId: CLEO, mark: 'late', at: at(30), actor: LEAD },
    ] as SessionEvent[];
    const log = logOf(events);
    const restored = replay({ id: 's1', plan: PLAN, seats: [...MEMBERS] }, log);
    expect(restored.context.attendance[BEN]?.status).toBe('present');
    // After the start, late is late, as it always was.
    expect(restored.context.attendance[CLEO]).toMatchObject({ status: 'late', arrivedAt: at(30) });
    expect(log[1]!.event).toMatchObject({ mark: 'late' });
  });

  it('[P36] an entry no machine ever took still stops the restore: never a state guessed at', () => {
    const events = [{ type: 'attendance.mark', memberId: 'nobody', mark: 'late', at: at(0), actor: LEAD }] as SessionEvent[];
    expect(() => replay({ id: 's1', plan: PLAN, seats: [...MEMBERS] }, logOf(events))).toThrow(/no longer applies/);
  });
});

describe('a log written before signals said enough', () => {
  it('[P49] a Check on member logged without a member (before P49) still restores, as it was written', () => {
    const events = [
      { type: 'attendance.mark', memberId: ANA, mark: 'present', at: at(0), actor: LEAD },
      { type: 'session.start', at: at(1), actor: LEAD },
      { type: 'signal.send', kind: 'checkOnMember', at: at(30), actor: LEAD, id: 'old-signal' },
      { type: 'signal.ack', signalId: 'old-signal', at: at(35), actor: 'co-1' },
    ] as SessionEvent[];
    const restored = replay({ id: 's1', plan: PLAN, seats: [...MEMBERS] }, logOf(events));
    expect(restored.context.signals).toEqual([
      { id: 'old-signal', kind: 'checkOnMember', memberId: null, text: null, from: LEAD, at: at(30), ackedAt: at(35), ackedBy: 'co-1' },
    ]);
  });
});
