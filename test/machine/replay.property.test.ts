import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PHASES } from '../../shared/phases.js';
import { ATTENDANCE_MARKS, FLAG_KINDS, SIGNAL_KINDS, type Command } from '../../shared/schemas/commands.js';
import type { SessionContext } from '../../shared/session/context.js';
import type { SessionEvent } from '../../shared/session/events.js';
import { isInRoom } from '../../shared/session/roster.js';
import { reasonAgainst } from '../../shared/session/rules.js';
import { timersAt } from '../../shared/session/timing.js';
import { elapsedOf, instant, type Instant } from '../../shared/time.js';
import { begin, CO, LEAD, MEMBERS, persist, restore, run, send, STRANGER, T0, type Snap } from './helpers.js';

/**
 * Random sessions made only of commands the machine accepts: the accepted events are the phase
 * log, and the log must rebuild the session exactly, from the start or from a stored snapshot.
 */
interface Step {
  /** Which kind of candidates to offer. */
  pick: number;
  /** Which of the accepted ones to take. */
  choose: number;
  /** Arguments of the candidates. */
  seed: number;
  gapMs: number;
}

/** One candidate of each kind, its arguments drawn from the context by `seed`. */
function candidates(ctx: SessionContext, seed: number): Command[] {
  const ids = [...ctx.seats, STRANGER];
  const member = ids[seed % ids.length]!;
  const queued = ctx.queue.length > 0 ? ctx.queue[seed % ctx.queue.length]! : member;
  return [
    { type: 'session.start' },
    { type: 'session.pause' },
    { type: 'session.resume' },
    { type: 'agreements.reviewed' },
    { type: 'phase.next' },
    { type: 'phase.goto', phase: PHASES[seed % PHASES.length]! },
    { type: 'floor.give', memberId: member },
    { type: 'floor.next' },
    { type: 'turn.end' },
    { type: 'turn.pause' },
    { type: 'turn.resume' },
    { type: 'queue.add', memberId: member },
    { type: 'queue.remove', memberId: queued },
    { type: 'queue.move', memberId: queued, toIndex: seed % (ctx.queue.length + 1) },
    { type: 'round.start' },
    { type: 'round.pass' },
    { type: 'round.end' },
    { type: 'attendance.mark', memberId: member, mark: ATTENDANCE_MARKS[seed % ATTENDANCE_MARKS.length]! },
    { type: 'member.stepOut', memberId: member },
    { type: 'member.return', memberId: member },
  ];
}

/** Flags, notes and signals are almost always accepted: offered now and then, so they do not crowd out the rest. */
function recordCandidates(ctx: SessionContext, seed: number): Command[] {
  const member = [...ctx.seats, STRANGER][seed % (ctx.seats.length + 1)]!;
  const signalId = ctx.signals.length > 0 ? ctx.signals[seed % ctx.signals.length]!.id : 'no-signal';
  return [
    { type: 'flag.raise', kind: FLAG_KINDS[seed % FLAG_KINDS.length]!, memberId: seed % 2 ? member : null, text: null },
    { type: 'note.add', text: 'A note.', memberId: null, private: seed % 2 === 0 },
    { type: 'signal.send', kind: SIGNAL_KINDS[seed % SIGNAL_KINDS.length]! },
    { type: 'signal.ack', signalId },
  ];
}

/** Plays the steps: each picks one of the candidates the machine accepts. Ending is rare. */
function play(seats: readonly string[], steps: readonly Step[], check?: (snap: Snap, now: Instant) => void): { log: SessionEvent[]; final: Snap } {
  let snap = begin(seats);
  let now = T0;
  const log: SessionEvent[] = [];
  for (const [i, { pick, choose, seed, gapMs }] of steps.entries()) {
    now += gapMs;
    const stamp = { at: instant(now), actor: seed % 3 === 0 ? CO : LEAD, id: `rec-${i}` };
    const offered: Command[] =
      pick % 60 === 0 ? [{ type: 'session.end' }] : pick % 6 === 0 ? recordCandidates(snap.context, seed) : candidates(snap.context, seed);
    // The rules are a cheap first sieve; can() (structure and rules) has the last word.
    const accepted = offered
      .map((c): SessionEvent => ({ ...c, ...stamp }))
      .filter((e) => reasonAgainst(snap.context, e) === null && snap.can(e));
    const event = accepted[choose % Math.max(1, accepted.length)];
    if (!event) continue;
    const next = send(snap, event);
    if (next === snap) throw new Error(`${event.type} was accepted by can() but changed nothing`);
    log.push(event);
    snap = next;
    check?.(snap, event.at);
  }
  return { log, final: snap };
}

const step = fc.record({
  pick: fc.nat(),
  choose: fc.nat(),
  seed: fc.nat(),
  gapMs: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 5_000 }), fc.integer({ min: 5_000, max: 900_000 })),
});
const script = fc.record({
  seatCount: fc.integer({ min: 1, max: MEMBERS.length }),
  steps: fc.array(step, { minLength: 1, maxLength: 60, size: 'max' }),
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
    ['the speaker is in the room', ctx.floor === null || isInRoom(ctx, ctx.floor.memberId)],
    ['the queue has no repeats', new Set(ctx.queue).size === ctx.queue.length],
    ['the queue holds only members in the room, not the speaker', ctx.queue.every((id) => isInRoom(ctx, id) && id !== ctx.floor?.memberId)],
    ['a go-round always has someone up', ctx.round === null || ctx.round.current !== null],
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
    const talkMs = Object.values(ctx.talk).reduce((sum, tally) => sum + tally.talkMs, 0) + (ctx.floor ? elapsedOf(ctx.floor.watch, now) : 0);
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
        const { log } = play(MEMBERS.slice(0, seatCount), steps, (snap, at) => {
          problems.push(...broken(snap, at).map((rule) => `after ${log.length} events: ${rule}`));
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
});
