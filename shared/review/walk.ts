import type { Phase } from '../phases.js';
import type { MemberId, SessionContext, Turn } from '../session/context.js';
import { initialContext, reduce } from '../session/reduce.js';
import { isAttending } from '../session/roster.js';
import { instant, type Instant } from '../time.js';
import type { LogLine, PassRecord, ReviewInput, ReviewLogEntry } from './types.js';
import { describeEntry, type Names } from './words.js';

/**
 * One pass over the phase log. Each entry is applied with the machine's own pure reducer (every
 * logged entry was accepted once, so no guard is asked again), and what changed between the
 * context before and after is written down as spans of time: pauses, phase visits, turns and
 * their pauses, steps-out, presence. The figures are then sums over these spans, computed
 * independently of the machine's stopwatches — the property test holds the two to each other.
 */

interface OpenSpan {
  from: Instant;
  to: Instant | null;
}

export interface RawPause extends OpenSpan {
  by: string;
  resumedBy: string | null;
}

export interface RawVisit extends OpenSpan {
  phase: Phase;
}

export interface RawTurn extends OpenSpan {
  memberId: MemberId;
  via: Turn['via'];
  phase: Phase | null;
  allotmentMs: number;
  pauses: (OpenSpan & { reason: 'held' | 'session' })[];
}

export interface RawStepOut extends OpenSpan {
  returned: boolean;
}

export interface Tracks {
  final: SessionContext;
  startedAt: Instant | null;
  endedAt: Instant | null;
  /** Where open spans end: the stop, or `asOf` for a session still running. */
  until: Instant;
  pauses: RawPause[];
  visits: RawVisit[];
  turns: RawTurn[];
  passes: PassRecord[];
  stepOuts: Map<MemberId, RawStepOut[]>;
  attending: Map<MemberId, OpenSpan[]>;
  /** The phase at the time of each note, by note id (the machine records phases on flags only). */
  notePhase: Map<string, Phase | null>;
  lines: LogLine[];
}

export function walk(input: ReviewInput, names: Names): Tracks {
  let ctx = initialContext({ plan: input.plan, seats: [...input.seats] });
  const t: Tracks = {
    final: ctx,
    startedAt: null,
    endedAt: null,
    until: input.asOf,
    pauses: [],
    visits: [],
    turns: [],
    passes: [],
    stepOuts: new Map(input.seats.map((id) => [id, []])),
    attending: new Map(input.seats.map((id) => [id, []])),
    notePhase: new Map(),
    lines: [],
  };
  for (const entry of input.log) {
    const next = reduce(ctx, entry.event);
    observe(t, ctx, next, entry);
    t.lines.push(describeEntry(entry, ctx, next, names, t.startedAt));
    ctx = next;
  }
  t.final = ctx;
  const lastAt = input.log.at(-1)?.at ?? input.asOf;
  t.until = t.endedAt ?? instant(Math.max(input.asOf, lastAt));
  if (t.endedAt !== null) closeAtEnd(t, t.endedAt);
  return t;
}

function observe(t: Tracks, prev: SessionContext, next: SessionContext, entry: ReviewLogEntry): void {
  const { at, event } = entry;
  const phaseNow = next.phase?.name ?? prev.phase?.name ?? null;

  // The session clock: start, pauses, end. The end pauses the clock too, but it is no pause.
  if (prev.clock === null && next.clock !== null) t.startedAt = at;
  if (prev.endedAt === null && next.endedAt !== null) t.endedAt = at;
  const wasPaused = prev.clock?.pausedAt != null && prev.endedAt === null;
  const isPaused = next.clock?.pausedAt != null && next.endedAt === null;
  if (!wasPaused && isPaused) t.pauses.push({ from: at, to: null, by: entry.actorId, resumedBy: null });
  if (wasPaused && !isPaused) {
    const pause = t.pauses.at(-1)!;
    pause.to = at;
    if (next.endedAt === null) pause.resumedBy = entry.actorId;
  }

  // Phase visits: a new visit whenever the phase (or its watch) is replaced.
  if (!samePhase(prev, next)) {
    if (prev.phase) t.visits.at(-1)!.to = at;
    if (next.phase) t.visits.push({ phase: next.phase.name, from: at, to: null });
  }

  observeFloor(t, prev, next, entry, phaseNow);

  if (event.type === 'round.pass' && prev.round?.current) {
    t.passes.push({ memberId: prev.round.current, at, phase: phaseNow });
  }
  if (event.type === 'note.add') t.notePhase.set(event.id ?? `${event.type}@${event.at}`, phaseNow);

  for (const id of next.seats) {
    const before = prev.attendance[id];
    const after = next.attendance[id];
    if (!before || !after || before === after) continue;
    const outs = t.stepOuts.get(id)!;
    if (before.steppedOutAt === null && after.steppedOutAt !== null) outs.push({ from: at, to: null, returned: false });
    if (before.steppedOutAt !== null && after.steppedOutAt === null) {
      const out = outs.at(-1)!;
      out.to = at;
      out.returned = event.type === 'member.return';
    }
    const spans = t.attending.get(id)!;
    if (event.type === 'attendance.correct' && event.memberId === id) {
      correctSpans(spans, before.status, event.status, at, t.startedAt);
      continue;
    }
    if (!isAttending(prev, id) && isAttending(next, id)) spans.push({ from: at, to: null });
    if (isAttending(prev, id) && !isAttending(next, id)) spans.at(-1)!.to = at;
  }
}

/**
 * A correction says what was true all along, so the time present follows it back: a member who
 * "did not leave" was there through the gap; one "here all along" from the start; one wrongly
 * marked here never was. Only a correction to "left" closes at its own time (when they left was
 * not recorded). The log still shows the mark and its correction as they happened.
 */
function correctSpans(spans: OpenSpan[], from: string, to: string, at: Instant, startedAt: Instant | null): void {
  const here = (status: string) => status === 'present' || status === 'late';
  if (here(to) && from === 'left' && spans.length > 0) spans.at(-1)!.to = null;
  else if (here(to) && !here(from)) spans.splice(0, spans.length, { from: startedAt ?? at, to: null });
  else if (to === 'absent') spans.length = 0;
  else if (to === 'left' && here(from)) spans.at(-1)!.to = at;
}

/** Turns: who holds the floor, and when their watch stands still. */
function observeFloor(t: Tracks, prev: SessionContext, next: SessionContext, entry: ReviewLogEntry, phaseNow: Phase | null): void {
  const at = entry.at;
  const before = prev.floor;
  const after = next.floor;
  const closed = before !== null && (after === null || !sameTurn(before, after) || tallied(prev, next, before.memberId));
  if (closed) {
    const turn = t.turns.at(-1)!;
    closePause(turn, at);
    turn.to = at;
    // A member who passes while up in a go-round gave their turn away: it is a pass, not a turn.
    const passed = entry.event.type === 'round.pass' && prev.round?.current === before.memberId;
    // A floor given and undone at once (P46) was never a turn either.
    if (passed || entry.event.type === 'floor.undo') t.turns.pop();
  }
  if (after === null) return;
  if (closed || before === null) {
    t.turns.push({
      memberId: after.memberId,
      via: after.via,
      phase: phaseNow,
      allotmentMs: after.allotmentMs,
      from: at,
      to: null,
      pauses: [],
    });
  }
  const turn = t.turns.at(-1)!;
  const open = turn.pauses.at(-1);
  const pausing = open !== undefined && open.to === null;
  if (after.watch.pausedAt !== null && !pausing) turn.pauses.push({ from: at, to: null, reason: after.held ? 'held' : 'session' });
  if (after.watch.pausedAt === null && pausing) open.to = at;
}

function closePause(turn: RawTurn, at: Instant): void {
  const open = turn.pauses.at(-1);
  if (open && open.to === null) open.to = at;
}

/** At the stop, the spans the machine leaves open (a member still out, everyone present) close. */
function closeAtEnd(t: Tracks, end: Instant): void {
  for (const outs of t.stepOuts.values()) for (const out of outs) if (out.to === null) out.to = end;
  for (const spans of t.attending.values()) for (const span of spans) if (span.to === null) span.to = end;
}

const samePhase = (a: SessionContext, b: SessionContext) =>
  a.phase === b.phase ||
  (a.phase !== null && b.phase !== null && a.phase.name === b.phase.name && a.phase.watch.startedAt === b.phase.watch.startedAt);

const sameTurn = (a: Turn, b: Turn) => a.memberId === b.memberId && a.watch.startedAt === b.watch.startedAt;

/**
 * A turn that closed and reopened for the same member at the same instant leaves the floor
 * looking unchanged; the speaker's tally moving on is what gives it away.
 */
function tallied(prev: SessionContext, next: SessionContext, memberId: MemberId): boolean {
  const a = prev.talk[memberId];
  const b = next.talk[memberId];
  return (b?.turns ?? 0) !== (a?.turns ?? 0) || (b?.passes ?? 0) !== (a?.passes ?? 0);
}

/** Time of a span that overlaps `[from, to]`. */
export function overlap(span: { from: number; to: number }, from: number, to: number): number {
  return Math.max(0, Math.min(span.to, to) - Math.max(span.from, from));
}
