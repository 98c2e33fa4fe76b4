import { PHASES } from '../phases.js';
import { FLAG_LABELS, SIGNAL_LABELS } from '../schemas/commands.js';
import { plannedSessionMs } from '../session/timing.js';
import { duration, minutes } from '../time.js';
import type {
  MemberAttendance,
  MemberTalk,
  PhaseVisit,
  Review,
  ReviewInput,
  SessionFigures,
  SessionPause,
  StepOut,
  TurnRecord,
  UnvisitedPhase,
} from './types.js';
import { facilitatorRoleOf } from '../session/speakers.js';
import { talkSplit } from './talk-split.js';
import { overlap, walk, type Tracks } from './walk.js';
import { namesOf } from './words.js';

/**
 * Every figure of a session's review, from its phase log and the plan, seats and names beside
 * it. Pure: the server calls it for the page and the exports alike (docs/review.md says what
 * each figure means).
 */
export function computeReview(input: ReviewInput): Review {
  const t = walk(input, namesOf(input.members, input.facilitators));
  const until = t.until;
  const pauses = t.pauses.map((p): SessionPause => {
    const to = p.to ?? until;
    return { from: p.from, to, ms: duration(to - p.from), by: p.by, resumedBy: p.resumedBy, ...(p.to === null ? { open: true } : {}) };
  });
  const pausedWithin = (from: number, to: number) => pauses.reduce((sum, p) => sum + overlap(p, from, to), 0);

  const session = sessionFigures(input, t, pausedWithin);
  const { phases, unvisited } = phaseFigures(input, t, pausedWithin);
  const turns = t.turns.map((turn): TurnRecord => {
    const to = turn.to ?? until;
    const turnPauses = turn.pauses.map((p) => ({
      from: p.from,
      to: p.to ?? to,
      reason: p.reason,
      ...(p.to === null ? { open: true } : {}),
    }));
    const held = turnPauses.reduce((sum, p) => sum + (p.to - p.from), 0);
    return {
      memberId: turn.memberId,
      via: turn.via,
      phase: turn.phase,
      from: turn.from,
      to,
      ...(turn.to === null ? { open: true } : {}),
      talkMs: duration(to - turn.from - held),
      pauses: turnPauses,
      allotmentMs: duration(turn.allotmentMs),
    };
  });
  const attendance = attendanceFigures(input, t);
  const talk = talkFigures(input, turns, t);
  const attendedIds = new Set(attendance.filter((a) => a.attended).map((a) => a.memberId));
  const silent = input.seats.filter((id) => attendedIds.has(id) && (talk.find((x) => x.memberId === id)?.turns ?? 0) === 0);

  const ctx = t.final;
  return {
    sessionId: input.sessionId,
    groupId: input.groupId,
    groupName: input.groupName,
    plan: input.plan,
    members: [...input.members],
    facilitators: [...input.facilitators],
    session,
    attendance,
    phases,
    unvisited,
    pauses,
    turns,
    passes: t.passes,
    talk,
    talkSplit: talkSplit(turns, input.facilitators),
    silent,
    flags: ctx.flags.map((f) => ({ ...f, label: FLAG_LABELS[f.kind] })),
    notes: ctx.notes.map((n) => ({ ...n, phase: t.notePhase.get(n.id) ?? null })),
    signals: ctx.signals.map((s) => ({
      ...s,
      label: SIGNAL_LABELS[s.kind],
      ackDelayMs: s.ackedAt === null ? null : duration(s.ackedAt - s.at),
    })),
    lines: t.lines,
    agreementsReviewedAt: ctx.agreementsReviewedAt,
  };
}

function sessionFigures(input: ReviewInput, t: Tracks, pausedWithin: (from: number, to: number) => number): SessionFigures {
  const ctx = t.final;
  const plannedMs = plannedSessionMs(ctx);
  const status = t.endedAt !== null ? 'ended' : t.startedAt === null ? 'lobby' : ctx.clock?.pausedAt != null ? 'paused' : 'live';
  if (t.startedAt === null) {
    const zero = duration(0);
    return {
      status,
      startedAt: null,
      endedAt: null,
      wallMs: zero,
      pausedMs: zero,
      activeMs: zero,
      plannedMs,
      differenceMs: duration(0 - plannedMs),
      asOf: t.until,
    };
  }
  const wallMs = duration(t.until - t.startedAt);
  const pausedMs = duration(pausedWithin(t.startedAt, t.until));
  const activeMs = duration(wallMs - pausedMs);
  return {
    status,
    startedAt: t.startedAt,
    endedAt: t.endedAt,
    wallMs,
    pausedMs,
    activeMs,
    plannedMs,
    differenceMs: duration(activeMs - plannedMs),
    asOf: t.until,
  };
}

function phaseFigures(
  input: ReviewInput,
  t: Tracks,
  pausedWithin: (from: number, to: number) => number,
): { phases: PhaseVisit[]; unvisited: UnvisitedPhase[] } {
  const visitsSoFar = new Map<string, number>();
  const phases = t.visits.map((v): PhaseVisit => {
    const to = v.to ?? t.until;
    const visit = (visitsSoFar.get(v.phase) ?? 0) + 1;
    visitsSoFar.set(v.phase, visit);
    const pausedMs = duration(pausedWithin(v.from, to));
    const actualMs = duration(to - v.from - pausedMs);
    const plannedMs = visit === 1 ? minutes(input.plan.phaseMinutes[v.phase]) : null;
    return {
      phase: v.phase,
      visit,
      from: v.from,
      to,
      ...(v.to === null ? { open: true } : {}),
      plannedMs,
      actualMs,
      differenceMs: duration(actualMs - (plannedMs ?? 0)),
      pausedMs,
    };
  });
  const unvisited = PHASES.filter((p) => !visitsSoFar.has(p)).map((phase) => ({
    phase,
    plannedMs: minutes(input.plan.phaseMinutes[phase]),
  }));
  return { phases, unvisited };
}

function attendanceFigures(input: ReviewInput, t: Tracks): MemberAttendance[] {
  const ctx = t.final;
  const start = t.startedAt;
  return input.seats.map((memberId): MemberAttendance => {
    const a = ctx.attendance[memberId]!;
    const stepOuts = (t.stepOuts.get(memberId) ?? []).map((s): StepOut => ({
      from: s.from,
      to: s.to ?? t.until,
      returned: s.returned,
      ...(s.to === null ? { open: true } : {}),
    }));
    let presentMs = 0;
    if (start !== null) {
      for (const span of t.attending.get(memberId) ?? []) {
        const to = span.to ?? t.until;
        presentMs += overlap({ from: span.from, to }, start, t.until);
        for (const out of stepOuts) presentMs -= overlap(out, Math.max(span.from, start), Math.min(to, t.until));
      }
    }
    const attended = presentMs > 0 || a.status === 'present' || a.status === 'late' || a.status === 'left';
    const arrivedAfterStart = start !== null && a.arrivedAt !== null && a.arrivedAt > start;
    return {
      memberId,
      status: a.status,
      attended: start !== null && attended,
      late: a.status === 'late' || arrivedAfterStart,
      arrivedAt: a.arrivedAt,
      leftAt: a.status === 'left' ? a.leftAt : null,
      stepOuts,
      corrections: ctx.corrections.filter((c) => c.memberId === memberId).map(({ from, to, at, by }) => ({ from, to, at, by })),
      presentMs: duration(Math.max(0, presentMs)),
    };
  });
}

function talkFigures(input: ReviewInput, turns: TurnRecord[], t: Tracks): MemberTalk[] {
  // Like the machine's tally, only closed turns count: a turn still running is not yet a figure.
  // A facilitator's own turns (P51) are not members' talk: they count in the split (R20) alone.
  const closed = turns.filter((turn) => !turn.open && facilitatorRoleOf(turn.memberId) === null);
  const total = closed.reduce((sum, turn) => sum + turn.talkMs, 0);
  return input.seats.map((memberId): MemberTalk => {
    const own = closed.filter((turn) => turn.memberId === memberId);
    const talkMs = own.reduce((sum, turn) => sum + turn.talkMs, 0);
    return {
      memberId,
      talkMs: duration(talkMs),
      turns: own.length,
      passes: t.passes.filter((p) => p.memberId === memberId).length,
      longestTurnMs: duration(own.reduce((max, turn) => Math.max(max, turn.talkMs), 0)),
      share: total === 0 ? 0 : talkMs / total,
    };
  });
}
