import { nextPhaseAfter, PHASES, type Phase } from '../phases.js';
import { duration, elapsedOf, pauseWatch, resumeWatch, startWatch, type Duration, type Instant, type Stopwatch } from '../time.js';
import type { Attendance, SessionContext, SessionInput } from './context.js';
import type { SessionEvent } from './events.js';
import { correctAttendance, markAttendance } from './attendance.js';
import { crisisPause } from './crisis.js';
import { advanceRound, closeTurn, nextFromQueue, openTurn, passInRound, releaseMember } from './floor.js';
import { startRound } from './round.js';
import { speakerOf } from './speakers.js';

export function initialContext({ plan, seats }: SessionInput): SessionContext {
  const attendance: Record<string, Attendance> = {};
  for (const id of seats) attendance[id] = { status: 'expected', arrivedAt: null, leftAt: null, steppedOutAt: null };
  return {
    plan,
    seats: [...seats],
    attendance,
    clock: null,
    endedAt: null,
    agreementsReviewedAt: null,
    phase: null,
    phaseMs: Object.fromEntries(PHASES.map((p) => [p, duration(0)])) as Record<Phase, Duration>,
    floor: null,
    queue: [],
    round: null,
    talk: {},
    flags: [],
    notes: [],
    signals: [],
    corrections: [],
    crises: [],
    exercise: null,
  };
}

/**
 * The whole effect of an event on the context, as one pure function. The machine calls it only
 * after its structure and `reasonAgainst` have allowed the event.
 */
export function reduce(ctx: SessionContext, event: SessionEvent): SessionContext {
  const at = event.at;
  switch (event.type) {
    case 'session.start':
      // Members not yet marked stay "not here yet" (expected): they may still come.
      return { ...ctx, clock: startWatch(at), phase: { name: 'introduction', watch: startWatch(at) } };
    case 'session.pause':
      return withWatches(ctx, (w) => pauseWatch(w, at));
    case 'session.resume':
      return withWatches(ctx, (w) => resumeWatch(w, at));
    case 'session.end': {
      const closed = closeTurn(ctx, at);
      const phaseMs = closePhase(closed, at);
      const clock = closed.clock && pauseWatch(closed.clock, at);
      const attendance = closed.clock ? absentAtEnd(closed.attendance) : closed.attendance;
      return { ...closed, attendance, clock, phaseMs, phase: null, round: null, queue: [], endedAt: at, exercise: null };
    }
    case 'agreements.reviewed':
      return { ...ctx, agreementsReviewedAt: at };
    case 'phase.next':
      return changePhase(ctx, nextPhaseAfter(ctx.phase!.name)!, at);
    case 'phase.goto':
      return changePhase(ctx, event.phase, at);
    case 'floor.give':
      return openTurn(ctx, speakerOf(event), at, 'direct');
    case 'floor.next':
      return ctx.round ? advanceRound(ctx, at) : nextFromQueue(ctx, at);
    case 'turn.end':
      return closeTurn(ctx, at);
    case 'turn.pause':
      return { ...ctx, floor: { ...ctx.floor!, held: true, watch: pauseWatch(ctx.floor!.watch, at) } };
    case 'turn.resume':
      return { ...ctx, floor: { ...ctx.floor!, held: false, watch: resumeWatch(ctx.floor!.watch, at) } };
    case 'queue.add':
      return { ...ctx, queue: insertAt(ctx.queue, speakerOf(event), event.toIndex) };
    case 'queue.remove':
      return { ...ctx, queue: ctx.queue.filter((id) => id !== speakerOf(event)) };
    case 'queue.move': {
      const speaker = speakerOf(event);
      const queue = ctx.queue.filter((id) => id !== speaker);
      queue.splice(event.toIndex, 0, speaker);
      return { ...ctx, queue };
    }
    case 'round.start':
      return startRound(ctx, event, at);
    case 'round.pass':
      return passInRound(ctx, at);
    case 'round.end':
      return { ...closeTurn(ctx, at), round: null };
    case 'attendance.mark':
      return markAttendance(ctx, event);
    case 'member.stepOut':
      return setAttendance(releaseMember(ctx, event.memberId, at), event.memberId, { steppedOutAt: at });
    case 'member.return':
      return setAttendance(ctx, event.memberId, { steppedOutAt: null });
    case 'flag.raise':
      return {
        ...ctx,
        flags: [
          ...ctx.flags,
          {
            id: recordId(event),
            kind: event.kind,
            memberId: event.memberId,
            text: event.text,
            phase: ctx.phase?.name ?? null,
            at,
            by: event.actor,
          },
        ],
      };
    case 'note.add':
      return {
        ...ctx,
        notes: [
          ...ctx.notes,
          { id: recordId(event), text: event.text, memberId: event.memberId, private: event.private, at, by: event.actor },
        ],
      };
    case 'signal.send':
      return {
        ...ctx,
        signals: [
          ...ctx.signals,
          {
            id: recordId(event),
            kind: event.kind,
            memberId: event.memberId ?? null,
            text: event.text ?? null,
            from: event.actor,
            at,
            ackedAt: null,
            ackedBy: null,
          },
        ],
      };
    case 'signal.ack':
      return {
        ...ctx,
        signals: ctx.signals.map((s) => (s.id === event.signalId ? { ...s, ackedAt: at, ackedBy: event.actor } : s)),
      };
    case 'attendance.correct':
      return correctAttendance(ctx, event);
    case 'crisis.pause':
      return crisisPause(ctx, event, (c) => withWatches(c, (w) => pauseWatch(w, at)));
    case 'exercise.start':
      return { ...ctx, exercise: startWatch(at) };
    case 'exercise.stop':
      return { ...ctx, exercise: null };
    case 'floor.undo': {
      // Not a turn: the floor is simply taken back, nothing is tallied (P46).
      const queue = event.toQueueIndex === null ? ctx.queue : insertAt(ctx.queue, speakerOf(event), event.toQueueIndex);
      return { ...ctx, floor: null, queue };
    }
    default:
      return event satisfies never;
  }
}

/**
 * A session that took place and ended without a member never marked: they were absent. (A
 * planned session cancelled from the lobby took nobody's attendance.)
 */
function absentAtEnd(attendance: Record<string, Attendance>): Record<string, Attendance> {
  const marked = { ...attendance };
  for (const [id, a] of Object.entries(marked)) if (a.status === 'expected') marked[id] = { ...a, status: 'absent' };
  return marked;
}

/** `memberId` put in the queue at `index` (past the end: at the end), out of anywhere else in it. */
function insertAt(queue: readonly string[], memberId: string, index: number | undefined): string[] {
  const rest = queue.filter((id) => id !== memberId);
  rest.splice(Math.min(index ?? rest.length, rest.length), 0, memberId);
  return rest;
}

/** Records get the id the server stamped; replay reuses it, so ids are stable. */
function recordId(event: SessionEvent): string {
  return event.id ?? `${event.type}@${event.at}`;
}

function closePhase(ctx: SessionContext, at: Instant): Record<Phase, Duration> {
  if (!ctx.phase) return ctx.phaseMs;
  const { name, watch } = ctx.phase;
  return { ...ctx.phaseMs, [name]: duration(ctx.phaseMs[name] + elapsedOf(watch, at)) };
}

/** Leaving a phase ends the turn and any go-round; the queue waits for the next phase. */
function changePhase(ctx: SessionContext, to: Phase, at: Instant): SessionContext {
  const closed = closeTurn(ctx, at);
  // The exercise belongs to the phase it runs in (Skill development, as planned): leaving it stops it.
  return { ...closed, phaseMs: closePhase(closed, at), phase: { name: to, watch: startWatch(at) }, round: null, exercise: null };
}

/** Pausing the session pauses every clock; a turn a facilitator held stays held on resume. */
function withWatches(ctx: SessionContext, step: (w: Stopwatch) => Stopwatch): SessionContext {
  const floor = ctx.floor && !ctx.floor.held ? { ...ctx.floor, watch: step(ctx.floor.watch) } : ctx.floor;
  return {
    ...ctx,
    clock: ctx.clock && step(ctx.clock),
    phase: ctx.phase && { ...ctx.phase, watch: step(ctx.phase.watch) },
    floor,
    ...(ctx.exercise ? { exercise: step(ctx.exercise) } : {}),
  };
}

function setAttendance(ctx: SessionContext, memberId: string, patch: Partial<Attendance>): SessionContext {
  return { ...ctx, attendance: { ...ctx.attendance, [memberId]: { ...ctx.attendance[memberId]!, ...patch } } };
}
