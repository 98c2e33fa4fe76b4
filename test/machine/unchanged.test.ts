import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { persist } from '../../server/live/snapshot.js';
import { step, unchanged } from '../../server/live/step.js';
import type { SessionEvent } from '../../shared/session/events.js';
import { instant } from '../../shared/time.js';
import { ev, LEAD, liveSession, MEMBERS, T0 } from './helpers.js';
import { candidates, play, recordCandidates, stepArbitrary } from './random-session.js';

/**
 * The pipeline decides that an accepted command changed nothing (no version, no log entry, no
 * broadcast) with `unchanged`, which compares only the fields the reducer rebuilt. It must agree
 * with the slow and obvious test: the two snapshots persist to the same text.
 */
describe('step(snapshot, event) and unchanged(prev, next)', () => {
  it('step refuses exactly what can() refuses; unchanged agrees with comparing the persisted snapshots', () => {
    let noOps = 0;
    let changes = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: MEMBERS.length }),
        fc.array(stepArbitrary, { minLength: 1, maxLength: 40 }),
        fc.nat(),
        (seatCount, steps, seed) => {
          const { final } = play(MEMBERS.slice(0, seatCount), steps);
          const stamp = { at: instant(T0 + 3_600_000), actor: LEAD, id: 'probe' };
          // Moving the first in the queue to the front is accepted and changes nothing (P10).
          const inPlace = final.context.queue.slice(0, 1).map((memberId) => ({ type: 'queue.move' as const, memberId, toIndex: 0 }));
          for (const command of [...candidates(final.context, seed), ...recordCandidates(final.context, seed), ...inPlace]) {
            const event = { ...command, ...stamp } as SessionEvent;
            const next = step(final, event);
            // The pipeline takes the same snapshot back for a refusal, where can() says no.
            expect(next === final).toBe(!final.can(event));
            if (next === final) continue;
            const same = persist(next) === persist(final);
            if (same) noOps++;
            else changes++;
            expect(unchanged(final, next)).toBe(same);
          }
        },
      ),
      { numRuns: 200 },
    );
    // Both answers were exercised, not just one.
    expect(noOps).toBeGreaterThan(0);
    expect(changes).toBeGreaterThan(100);
  });

  it('a queue move to where the member already is changes nothing; a real move does', () => {
    const [first, second] = MEMBERS as [string, string];
    const queued = liveSession([ev({ type: 'queue.add', memberId: first }, 2), ev({ type: 'queue.add', memberId: second }, 2)]);
    expect(unchanged(queued, step(queued, ev({ type: 'queue.move', memberId: first, toIndex: 0 }, 3)))).toBe(true);
    expect(unchanged(queued, step(queued, ev({ type: 'queue.move', memberId: second, toIndex: 0 }, 3)))).toBe(false);
  });
});
