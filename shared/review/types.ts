import type { Phase } from '../phases.js';
import type { FlagKind, SignalKind } from '../schemas/commands.js';
import type { AttendanceStatus, MemberId, Plan } from '../session/context.js';
import type { SessionEvent } from '../session/events.js';
import type { FacilitatorRole } from '../schemas/commands.js';
import type { Facilitator, RosterMember, SessionStatus } from '../session/view.js';
import type { Duration, Instant } from '../time.js';

/**
 * The shapes of the post-session review (docs/review.md). Every figure is derived from the phase
 * log by `computeReview`; the page, the exports and the print report all read these, so they
 * cannot disagree. Instants are server epoch milliseconds; durations are milliseconds named `…Ms`.
 */

/** Bump when a field of the JSON export changes meaning or shape. */
export const REVIEW_SCHEMA_VERSION = 2;

/** One phase-log entry as the review needs it (a subset of the server's `LogEntry`). */
export interface ReviewLogEntry {
  version: number;
  at: Instant;
  actorId: string;
  commandId: string;
  event: SessionEvent;
}

/** Everything the figures are computed from: the log, and the plan, seats and names beside it. */
export interface ReviewInput {
  sessionId: string;
  groupId: string;
  groupName: string;
  plan: Plan;
  /** Member ids in seat order, as planned. */
  seats: readonly MemberId[];
  members: readonly RosterMember[];
  facilitators: readonly Facilitator[];
  log: readonly ReviewLogEntry[];
  /** Server time to read a session that has not ended at (its open spans close here). */
  asOf: Instant;
}

/** A stretch of time. `open` marks one still running, closed at the review's `asOf`. */
export interface Span {
  from: Instant;
  to: Instant;
  open?: boolean;
}

export interface SessionFigures {
  status: SessionStatus;
  startedAt: Instant | null;
  endedAt: Instant | null;
  /** Stop minus start: the time the group was in the room. */
  wallMs: Duration;
  /** Paused time within it. */
  pausedMs: Duration;
  /** Wall time less pauses: what the session clock showed, and the sum of the phases. */
  activeMs: Duration;
  /** Sum of the planned phase minutes. */
  plannedMs: Duration;
  /** Active minus planned; negative when the session ran short. */
  differenceMs: Duration;
  /** The time the figures were read at (the end, or `asOf` for a session still running). */
  asOf: Instant;
}

export interface SessionPause extends Span {
  ms: Duration;
  by: string;
  resumedBy: string | null;
}

export interface PhaseVisit extends Span {
  phase: Phase;
  /** 1 for the first visit to this phase, 2 for a return, … */
  visit: number;
  /** The phase's planned time on its first visit; null on a return (the plan is counted once). */
  plannedMs: Duration | null;
  /** Time in the phase, session pauses excluded. */
  actualMs: Duration;
  /** Actual minus planned (planned counts as 0 on a return). Rows add up to the total difference. */
  differenceMs: Duration;
  pausedMs: Duration;
}

/** A planned phase the session never reached: listed after the visits so the totals add up. */
export interface UnvisitedPhase {
  phase: Phase;
  plannedMs: Duration;
}

export interface TurnPause extends Span {
  /** `held`: a facilitator paused the turn; `session`: the whole session was paused. */
  reason: 'held' | 'session';
}

export interface TurnRecord extends Span {
  /** The speaker: a member, or a facilitator's speaker id (`facilitator:lead` / `facilitator:co`, P51). */
  memberId: MemberId;
  via: 'direct' | 'queue' | 'round';
  phase: Phase | null;
  /** On the floor, pauses excluded. */
  talkMs: Duration;
  pauses: TurnPause[];
  allotmentMs: Duration;
}

export interface PassRecord {
  memberId: MemberId;
  at: Instant;
  phase: Phase | null;
}

/** One facilitator's own time on the floor (P51, R20). */
export interface FacilitatorTalk {
  role: FacilitatorRole;
  /** The staff account and its display name; null when the session has nobody in that role now. */
  id: string | null;
  name: string | null;
  talkMs: Duration;
  turns: number;
  /** Fraction of all talk on the floor (facilitators and members), 0…1. */
  share: number;
}

/** Facilitators' against members' time on the floor (R20). Shares are of all talk, 0…1 (0 when nobody spoke). */
export interface TalkSplit {
  facilitatorsMs: Duration;
  membersMs: Duration;
  facilitatorsShare: number;
  membersShare: number;
  facilitators: FacilitatorTalk[];
}

export interface MemberTalk {
  memberId: MemberId;
  talkMs: Duration;
  turns: number;
  passes: number;
  longestTurnMs: Duration;
  /** Fraction of all members' talk time, 0…1 (0 when nobody spoke). */
  share: number;
}

export interface StepOut extends Span {
  /** False when the member never came back (left, marked absent, or the session ended). */
  returned: boolean;
}

export interface MemberAttendance {
  memberId: MemberId;
  /** The machine's final word on the member. */
  status: AttendanceStatus;
  /** In the room at some point of the session. */
  attended: boolean;
  /** Arrived after the start (marked late, or marked present once the session had begun). */
  late: boolean;
  arrivedAt: Instant | null;
  /** Set when the member left before the end. */
  leftAt: Instant | null;
  stepOuts: StepOut[];
  /** In the room (attending, not stepped out) between the start and the stop, pauses included. */
  presentMs: Duration;
  /** Marks put right during the session (protocol P41), oldest first; the status above is after them. */
  corrections: { from: AttendanceStatus; to: AttendanceStatus; at: Instant; by: string }[];
}

export interface FlagRecord {
  id: string;
  kind: FlagKind;
  label: string;
  memberId: MemberId | null;
  text: string | null;
  phase: Phase | null;
  at: Instant;
  by: string;
}

export interface NoteRecord {
  id: string;
  text: string;
  memberId: MemberId | null;
  private: boolean;
  phase: Phase | null;
  at: Instant;
  by: string;
}

export interface SignalRecord {
  id: string;
  kind: SignalKind;
  label: string;
  from: string;
  at: Instant;
  ackedAt: Instant | null;
  ackedBy: string | null;
  /** From sending to the tap that acknowledged it. */
  ackDelayMs: Duration | null;
}

/** What a log line is about, for the Phase log's filter. */
export const LINE_KINDS = ['session', 'phase', 'floor', 'queue', 'round', 'attendance', 'flag', 'note', 'signal'] as const;
export type LineKind = (typeof LINE_KINDS)[number];

export const LINE_KIND_LABELS: Record<LineKind, string> = {
  session: 'Session',
  phase: 'Phases',
  floor: 'Floor and turns',
  queue: 'Queue',
  round: 'Go-rounds',
  attendance: 'Attendance',
  flag: 'Flags',
  note: 'Notes',
  signal: 'Signals',
};

/** One phase-log entry in plain words. */
export interface LogLine {
  version: number;
  at: Instant;
  /** Wall time since the start; null before it. */
  elapsedMs: Duration | null;
  actorId: string;
  kind: LineKind;
  type: SessionEvent['type'];
  /** The phase the session was in when it happened (null in the lobby and after the end). */
  phase: Phase | null;
  /** Every member the entry concerns (the one given the floor, the one whose turn ended, …). */
  memberIds: MemberId[];
  text: string;
  /** A private note: shown to facilitators, left out of exports and print. */
  private: boolean;
}

export interface Review {
  sessionId: string;
  groupId: string;
  groupName: string;
  plan: Plan;
  members: RosterMember[];
  facilitators: Facilitator[];
  session: SessionFigures;
  attendance: MemberAttendance[];
  phases: PhaseVisit[];
  unvisited: UnvisitedPhase[];
  pauses: SessionPause[];
  turns: TurnRecord[];
  passes: PassRecord[];
  talk: MemberTalk[];
  /** Facilitators against members on the floor (R20); members' `talk` leaves facilitators out. */
  talkSplit: TalkSplit;
  /** Attended and never had a (counted) turn, in seat order. */
  silent: MemberId[];
  flags: FlagRecord[];
  notes: NoteRecord[];
  signals: SignalRecord[];
  lines: LogLine[];
  agreementsReviewedAt: Instant | null;
}
