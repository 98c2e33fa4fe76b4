import fc from 'fast-check';
import { PHASES } from '../../shared/phases.js';
import {
  ATTENDANCE_MARKS,
  FACILITATOR_ROLES,
  FLAG_KINDS,
  ROUND_DIRECTIONS,
  ROUND_JOINS,
  SIGNAL_KINDS,
  type Command,
} from '../../shared/schemas/commands.js';
import type { SessionContext } from '../../shared/session/context.js';
import type { SessionEvent } from '../../shared/session/events.js';
import { speakerFields } from '../../shared/session/speakers.js';
import { reasonAgainst } from '../../shared/session/rules.js';
import { instant, type Instant } from '../../shared/time.js';
import { begin, CO, LEAD, send, STRANGER, T0, type Snap } from './helpers.js';

/**
 * Random sessions made only of commands the machine accepts, as the server would have logged
 * them: shared by the replay property tests of the machine and of the review.
 */
export interface Step {
  /** Which kind of candidates to offer. */
  pick: number;
  /** Which of the accepted ones to take. */
  choose: number;
  /** Arguments of the candidates. */
  seed: number;
  gapMs: number;
}

/** One candidate of each kind, its arguments drawn from the context by `seed` (a stranger too). */
export function candidates(ctx: SessionContext, seed: number): Command[] {
  const ids = [...ctx.seats, STRANGER];
  const member = ids[seed % ids.length]!;
  const queued = ctx.queue.length > 0 ? ctx.queue[seed % ctx.queue.length]! : member;
  const role = FACILITATOR_ROLES[(seed >> 3) % 2]!;
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
    { type: 'round.start' },
    // A chosen first member and direction (issue 16 §3); the member may be out, absent or a stranger.
    { type: 'round.start', firstMemberId: member, direction: ROUND_DIRECTIONS[seed % 2]! },
    { type: 'round.pass' },
    { type: 'round.end' },
    { type: 'attendance.mark', memberId: member, mark: ATTENDANCE_MARKS[seed % ATTENDANCE_MARKS.length]! },
    // Arriving during a go-round: at the end, or at their seat (issue 16 §2).
    { type: 'attendance.mark', memberId: member, mark: seed % 2 ? 'late' : 'present', joinRound: ROUND_JOINS[(seed >> 1) % 2]! },
    { type: 'attendance.correct', memberId: member, status: ATTENDANCE_MARKS[(seed >> 2) % ATTENDANCE_MARKS.length]! },
    { type: 'member.stepOut', memberId: member },
    { type: 'member.return', memberId: member },
    { type: 'queue.add', memberId: member, toIndex: seed % (ctx.queue.length + 2) },
    { type: 'exercise.start' },
    { type: 'exercise.stop' },
    {
      type: 'floor.undo',
      ...speakerFields(ctx.floor?.memberId ?? member),
      toQueueIndex: seed % 3 === 0 ? null : seed % (ctx.queue.length + 2),
    },
    // A facilitator's own time (P51): given, queued, taken off the queue and moved like a member's.
    { type: 'floor.give', facilitator: role },
    { type: 'queue.add', facilitator: role, toIndex: seed % (ctx.queue.length + 2) },
    { type: 'queue.remove', facilitator: role },
    { type: 'queue.move', ...speakerFields(queued), toIndex: seed % (ctx.queue.length + 1) },
  ];
}

/** Flags, notes and signals are almost always accepted: offered now and then, so they do not crowd out the rest. */
export function recordCandidates(ctx: SessionContext, seed: number): Command[] {
  const member = [...ctx.seats, STRANGER][seed % (ctx.seats.length + 1)]!;
  const signalId = ctx.signals.length > 0 ? ctx.signals[seed % ctx.signals.length]!.id : 'no-signal';
  return [
    { type: 'flag.raise', kind: FLAG_KINDS[seed % FLAG_KINDS.length]!, memberId: seed % 2 ? member : null, text: null },
    { type: 'note.add', text: 'A note.', memberId: seed % 2 ? member : null, private: seed % 3 === 0 },
    { type: 'signal.send', kind: SIGNAL_KINDS[seed % SIGNAL_KINDS.length]! },
    // P49: about a member (a stranger too), with a few words or none.
    {
      type: 'signal.send',
      kind: SIGNAL_KINDS[(seed >> 1) % SIGNAL_KINDS.length]!,
      memberId: member,
      text: seed % 2 ? 'Ana looks pale' : null,
    },
    { type: 'signal.ack', signalId },
    // A crisis pause (issue 16 §6): about the group or a member, who may step out.
    { type: 'crisis.pause', memberId: seed % 3 ? member : null, stepOut: seed % 2 === 0 },
  ];
}

/** Plays the steps: each picks one of the candidates the machine accepts. Ending is rare. */
export function play(
  seats: readonly string[],
  steps: readonly Step[],
  check?: (snap: Snap, now: Instant) => void,
): { log: SessionEvent[]; final: Snap } {
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

/** Gaps of zero put several events on one millisecond, where boundaries are hardest to see. */
export const stepArbitrary = fc.record({
  pick: fc.nat(),
  choose: fc.nat(),
  seed: fc.nat(),
  gapMs: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 5_000 }), fc.integer({ min: 5_000, max: 900_000 })),
});
