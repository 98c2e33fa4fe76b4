import { describe, expect, it } from 'vitest';
import { timersAt } from '../../shared/session/timing.js';
import type { SessionEvent } from '../../shared/session/events.js';
import { ANA, at, BEN, begin, CLEO, ev, liveSession, persist, restore, run, send } from './helpers.js';

describe('persist and restore', () => {
  const pausedInSkills = () =>
    liveSession([
      ev({ type: 'phase.goto', phase: 'skillDevelopment' }, 60),
      ev({ type: 'queue.add', memberId: BEN }, 70),
      ev({ type: 'floor.give', memberId: ANA }, 80),
      ev({ type: 'session.pause' }, 100),
    ]);

  it('a session paused in skill development comes back paused, with the same record', () => {
    const before = pausedInSkills();
    const after = restore(persist(before));
    expect(after.status).toBe('active');
    expect(after.value).toBe('paused');
    expect(after.context).toEqual(before.context);
  });

  it('after a restart, "Resume session" returns to the phase it was paused in', () => {
    const restored = restore(persist(pausedInSkills()));
    const resumed = run([ev({ type: 'session.resume' }, 400)], restored);
    expect(resumed.value).toEqual({ live: 'skillDevelopment' });
    expect(resumed.context.floor?.memberId).toBe(ANA);
    expect(timersAt(resumed.context, at(410)).turn?.elapsedMs).toBe(30_000); // 80→100, then 400→410
  });

  it('a restored live session carries on exactly like the one that never stopped', () => {
    const live = liveSession([ev({ type: 'phase.next' }, 60), ev({ type: 'round.start' }, 70), ev({ type: 'round.pass' }, 80)]);
    const rest = [ev({ type: 'floor.next' }, 90), ev({ type: 'session.pause' }, 95), ev({ type: 'session.resume' }, 99)];
    const original = run(rest, live);
    const restored = run(rest, restore(persist(live)));
    expect(restored.value).toEqual(original.value);
    expect(restored.context).toEqual(original.context);
  });

  it('an ended session restores as done and still accepts nothing', () => {
    const ended = run([ev({ type: 'session.end' }, 500)], pausedInSkills());
    const restored = restore(persist(ended));
    expect(restored.status).toBe('done');
    const note = ev({ type: 'note.add', text: 'Late thought.', memberId: null, private: false }, 600);
    expect(restored.can(note)).toBe(false);
    expect(send(restored, note)).toBe(restored);
  });

  it.each([
    ['a top-level state that no longer exists', 'waitingRoom'],
    ['a phase that no longer exists', { live: 'checkIn' }],
  ])('restoring into a changed machine (%s) gives an actor in error, not a throw', (_, value) => {
    const stored = JSON.parse(persist(pausedInSkills())) as Record<string, unknown>;
    expect(restore(JSON.stringify({ ...stored, value })).status).toBe('error');
  });

  it('an older log, recorded before rounds had a chosen start and marks a place in them, still replays', () => {
    // As the phase log stored them then: no `firstMemberId`, `direction` or `joinRound` anywhere.
    const old = [
      { type: 'attendance.mark', memberId: ANA, mark: 'present', at: at(0), actor: 'lead-1' },
      { type: 'attendance.mark', memberId: BEN, mark: 'present', at: at(0), actor: 'lead-1' },
      { type: 'session.start', at: at(1), actor: 'lead-1' },
      { type: 'round.start', at: at(10), actor: 'lead-1' },
      { type: 'attendance.mark', memberId: CLEO, mark: 'late', at: at(20), actor: 'co-1' },
      { type: 'round.pass', at: at(30), actor: 'lead-1' },
      { type: 'floor.next', at: at(40), actor: 'lead-1' },
      { type: 'session.end', at: at(50), actor: 'lead-1' },
    ] as SessionEvent[];
    const replayed = run(old, begin());
    expect(replayed.status).toBe('done');
    expect(replayed.context.talk[ANA]?.passes).toBe(1);
    expect(replayed.context.talk[BEN]?.turns).toBe(1);
    expect(replayed.context.attendance[CLEO]?.status).toBe('late');
  });
});
