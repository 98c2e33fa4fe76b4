import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PHASES } from '../../shared/phases.js';
import { speakerInRoom } from '../../shared/session/speakers.js';
import { roundProgress } from '../../shared/session/round.js';
import { timersAt } from '../../shared/session/timing.js';
import { elapsedOf, instant, type Instant } from '../../shared/time.js';
import { begin, MEMBERS, persist, restore, run, type Snap } from './helpers.js';
import { play, stepArbitrary } from './random-session.js';

const script = fc.record({
  seatCount: fc.integer({ min: 1, max: MEMBERS.length }),
  steps: fc.array(stepArbitrary, { minLength: 1, maxLength: 60, size: 'max' }),
  cut: fc.nat(),
});
const RUNS = { numRuns: 200 };

describe('replaying the phase log', () => {
  it('rebuilds the same session from the start', () => {
    fc.assert(
      fc.property(script, ({ seatCount, steps }) => {
        const seats = MEMBERS.slice(0, seatCount);
        const { log, final } = play(seats, steps);
        const replayed = run(log, begin(seats));
        expect(replayed.value).toEqual(final.value);
        expect(replayed.status).toBe(final.status);
        expect(replayed.context).toEqual(final.context);
      }),
      RUNS,
    );
  });

  it('rebuilds the same session from a snapshot stored part-way, then the rest of the log', () => {
    fc.assert(
      fc.property(script, ({ seatCount, steps, cut }) => {
        const seats = MEMBERS.slice(0, seatCount);
        const { log, final } = play(seats, steps);
        const at = cut % (log.length + 1);
        const restored = restore(persist(run(log.slice(0, at), begin(seats))), seats);
        expect(restored.status).not.toBe('error');
        const replayed = run(log.slice(at), restored);
        expect(replayed.value).toEqual(final.value);
        expect(replayed.context).toEqual(final.context);
      }),
      RUNS,
    );
  });
});

/**
 * What must hold after every accepted event, read at the event's time and ten minutes on: the
 * names of the rules broken (plain checks, not `expect`, to keep 200 runs fast).
 */
function broken(snap: Snap, at: Instant): string[] {
  const ctx = snap.context;
  const rules: [string, boolean][] = [
    ['state matches the context', stateMatches(snap)],
    // A facilitator (P51) is always in the room.
    ['the speaker is in the room', ctx.floor === null || speakerInRoom(ctx, ctx.floor.memberId)],
    ['the queue has no repeats', new Set(ctx.queue).size === ctx.queue.length],
    [
      'the queue holds only speakers in the room, not the speaker',
      ctx.queue.every((id) => speakerInRoom(ctx, id) && id !== ctx.floor?.memberId),
    ],
    ['a go-round always has someone up', ctx.round === null || ctx.round.current !== null],
    // Late arrivals join the round once (issue 16 §2): nobody is waited for twice.
    [
      'a go-round waits for each member once, and only for members in its order',
      ctx.round === null ||
        ((rest) => new Set(rest).size === rest.length && rest.every((id) => ctx.round!.order.includes(id)))([
          ...ctx.round.pending,
          ...ctx.round.comeBack,
        ]),
    ],
    ['a go-round counts no more members than it set out to hear', ctx.round === null || roundProgress(ctx)!.of <= ctx.round.order.length],
    [
      'only a started session has members absent by its end',
      snap.status !== 'done' || ctx.clock === null || Object.values(ctx.attendance).every((a) => a.status !== 'expected'),
    ],
  ];
  for (const now of [at, instant(at + 600_000)]) {
    const t = timersAt(ctx, now);
    const durations = [
      ...Object.values(ctx.talk).map((tally) => tally.talkMs),
      ...Object.values(ctx.phaseMs),
      ...Object.values(t.phases),
      ...[t.session, t.phase, t.turn].map((r) => r?.elapsedMs ?? 0),
    ];
    const sessionMs = t.session?.elapsedMs ?? 0;
    const talkMs =
      Object.values(ctx.talk).reduce((sum, tally) => sum + tally.talkMs, 0) + (ctx.floor ? elapsedOf(ctx.floor.watch, now) : 0);
    rules.push(
      ['no duration is negative', durations.every((ms) => Number.isFinite(ms) && ms >= 0)],
      ['talk time never exceeds session time', talkMs <= sessionMs],
      // One phase is always running with the session clock, so the phases add up to it exactly.
      ['the phases add up to the session time', PHASES.reduce((sum, p) => sum + t.phases[p], 0) === sessionMs],
    );
  }
  return rules.filter(([, holds]) => !holds).map(([rule]) => rule);
}

function stateMatches(snap: Snap): boolean {
  const ctx = snap.context;
  if (snap.status === 'done') return ctx.endedAt !== null && ctx.phase === null;
  if (snap.value === 'lobby') return ctx.clock === null;
  if (snap.value === 'paused') return ctx.clock?.pausedAt != null && ctx.phase !== null;
  return typeof snap.value === 'object' && snap.value.live === ctx.phase?.name && ctx.clock?.pausedAt === null;
}

describe('properties of any session', () => {
  it('talk time never exceeds session time, phases add up to it, and no duration is negative', () => {
    fc.assert(
      fc.property(script, ({ seatCount, steps }) => {
        const problems: string[] = [];
        let applied = 0;
        play(MEMBERS.slice(0, seatCount), steps, (snap, at) => {
          applied += 1;
          problems.push(...broken(snap, at).map((rule) => `after ${applied} events: ${rule}`));
        });
        expect(problems).toEqual([]);
      }),
      RUNS,
    );
  });

  it('random sessions reach every state (the generator is not stuck in the lobby)', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(script, ({ steps }) => {
        play(MEMBERS, steps, (snap) => seen.add(snap.status === 'done' ? 'ended' : typeof snap.value === 'string' ? snap.value : 'live'));
      }),
      { numRuns: 50, seed: 7 },
    );
    expect([...seen].sort()).toEqual(['ended', 'live', 'lobby', 'paused']);
  });

  it('[P37] [P38] [P41] [P42] [P49] [P51] random sessions take the newer commands too: chosen rounds, seat joins, corrections, crisis pauses, signals about a member, facilitators on the floor', () => {
    const kinds = new Set<string>();
    fc.assert(
      fc.property(script, ({ steps }) => {
        for (const e of play(MEMBERS, steps).log) {
          if (e.type === 'round.start' && e.direction === 'counterclockwise') kinds.add('counter-clockwise round');
          if (e.type === 'attendance.mark' && e.joinRound === 'seat') kinds.add('seat join');
          if (e.type === 'attendance.correct') kinds.add('correction');
          if (e.type === 'crisis.pause') kinds.add(e.stepOut ? 'crisis with a step-out' : 'crisis');
          if (e.type === 'signal.send' && e.memberId && e.text) kinds.add('signal about a member, with words');
          if ((e.type === 'floor.give' || e.type === 'queue.add' || e.type === 'floor.undo') && e.facilitator)
            kinds.add(`facilitator ${e.type}`);
        }
      }),
      { numRuns: 100, seed: 7 },
    );
    expect([...kinds].sort()).toEqual([
      'correction',
      'counter-clockwise round',
      'crisis',
      'crisis with a step-out',
      'facilitator floor.give',
      'facilitator floor.undo',
      'facilitator queue.add',
      'seat join',
      'signal about a member, with words',
    ]);
  });
});
