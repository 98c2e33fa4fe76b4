import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PHASES } from '../../shared/phases.js';
import { timersAt } from '../../shared/session/timing.js';
import { elapsedOf } from '../../shared/time.js';
import { begin, MEMBERS, run, T0 } from '../machine/helpers.js';
import { play, stepArbitrary } from '../machine/random-session.js';
import { reviewOf } from './support.js';

/**
 * The review computes its figures from spans of time it reads off the log; the machine keeps its
 * own stopwatches and tallies. Over random sessions the two must agree to the millisecond:
 * talk time, turns and passes per member, active time per phase, the session's active time.
 */

const script = fc.record({
  seatCount: fc.integer({ min: 1, max: MEMBERS.length }),
  steps: fc.array(stepArbitrary, { minLength: 1, maxLength: 80, size: 'max' }),
  tailMs: fc.integer({ min: 0, max: 600_000 }),
});

describe('figures from the log equal figures from replaying the machine over it', () => {
  it('[R20] talk, turns and passes per member and per facilitator; active time per phase and for the session; the running turn', () => {
    fc.assert(
      fc.property(script, ({ seatCount, steps, tailMs }) => {
        const seats = MEMBERS.slice(0, seatCount);
        const { log } = play(seats, steps);
        if (log.length === 0) return;
        const lastAt = log.at(-1)!.at;
        const review = reviewOf(log, (lastAt - T0 + tailMs) / 1000, seats);
        const ctx = run(log, begin(seats)).context;
        const now = review.session.asOf;
        const timers = timersAt(ctx, now);

        for (const id of seats) {
          const tally = ctx.talk[id] ?? { turns: 0, talkMs: 0, passes: 0 };
          const mine = review.talk.find((t) => t.memberId === id)!;
          expect([id, mine.talkMs, mine.turns, mine.passes]).toEqual([id, tally.talkMs, tally.turns, tally.passes]);
        }
        // R20: each facilitator's own time (P51) as the machine tallied it under their speaker id.
        for (const f of review.talkSplit.facilitators) {
          const tally = ctx.talk[`facilitator:${f.role}`] ?? { turns: 0, talkMs: 0 };
          expect([f.role, f.talkMs, f.turns]).toEqual([f.role, tally.talkMs, tally.turns]);
        }
        const tallied = Object.values(ctx.talk).reduce((sum, t) => sum + t.talkMs, 0);
        expect(review.talkSplit.facilitatorsMs + review.talkSplit.membersMs).toBe(tallied);
        for (const p of PHASES) {
          const actual = review.phases.filter((v) => v.phase === p).reduce((sum, v) => sum + v.actualMs, 0);
          expect([p, actual]).toEqual([p, timers.phases[p]]);
        }
        expect(review.session.activeMs).toBe(timers.session?.elapsedMs ?? 0);
        const running = review.turns.filter((t) => t.open);
        expect(running.map((t) => [t.memberId, t.talkMs])).toEqual(
          ctx.floor ? [[ctx.floor.memberId, elapsedOf(ctx.floor.watch, now)]] : [],
        );
        expect(review.flags).toHaveLength(ctx.flags.length);
        expect(review.notes).toHaveLength(ctx.notes.length);
        expect(review.signals.map((s) => s.ackedAt)).toEqual(ctx.signals.map((s) => s.ackedAt));
        for (const id of seats) {
          const out = review.attendance.find((a) => a.memberId === id)!.stepOuts.at(-1);
          const stillOut = ctx.attendance[id]!.steppedOutAt !== null;
          expect([id, stillOut && ctx.endedAt === null]).toEqual([id, out?.open === true]);
        }
        expect(review.lines.map((l) => l.version)).toEqual(log.map((_, i) => i + 1));
      }),
      { numRuns: 300 },
    );
  });

  it('a turn can never be longer than the session, nor talk in a phase longer than the phase', () => {
    fc.assert(
      fc.property(script, ({ seatCount, steps }) => {
        const seats = MEMBERS.slice(0, seatCount);
        const { log } = play(seats, steps);
        if (log.length === 0) return;
        const review = reviewOf(log, undefined, seats);
        const talk = review.turns.reduce((sum, t) => sum + t.talkMs, 0);
        expect(talk).toBeLessThanOrEqual(review.session.activeMs);
        for (const a of review.attendance) expect(a.presentMs).toBeLessThanOrEqual(review.session.wallMs);
        expect(review.session.activeMs + review.session.pausedMs).toBe(review.session.wallMs);
      }),
      { numRuns: 200 },
    );
  });
});
