import type { Phase } from '../phases.js';
import type { Duration, Instant, Stopwatch } from '../time.js';
import type { AttendanceMark, FlagKind, RoundDirection, SignalKind } from '../schemas/commands.js';
import type { Exercise } from './exercise.js';
import type { SpeakerId } from './speakers.js';

export type MemberId = string;
export type ActorId = string;

/** What was planned for a session: minutes per phase, the soft turn allotment, the skill to teach. */
export interface Plan {
  phaseMinutes: Record<Phase, number>;
  turnAllotmentSeconds: number;
  skill: string | null;
  /** The skill's exercise timer (P48); absent in plans made before it existed. */
  exercise?: Exercise | null;
}

export type AttendanceStatus = 'expected' | 'present' | 'late' | 'absent' | 'left';

export interface Attendance {
  status: AttendanceStatus;
  /** Arrival time for a late member. */
  arrivedAt: Instant | null;
  /** Time a member left early. */
  leftAt: Instant | null;
  /** Set while the member is out of the room. */
  steppedOutAt: Instant | null;
}

/** One speaker's time on the floor. `held` is a pause a facilitator made (not a session pause). */
export interface Turn {
  /** A member's id, or a facilitator's speaker id (`facilitator:lead`, `facilitator:co`: P51, ADR 012). */
  memberId: SpeakerId;
  watch: Stopwatch;
  held: boolean;
  allotmentMs: Duration;
  via: 'direct' | 'queue' | 'round';
}

/** A go-round: each member in the room in seating order, then those who passed. */
export interface Round {
  /** Everyone the round set out to hear, in seat order (for display). */
  order: MemberId[];
  /** Still to come in the first pass, after `current`. */
  pending: MemberId[];
  /** Passed (or were out of the room) in the first pass: to come back to at the end. */
  comeBack: MemberId[];
  /** The member whose turn in the round it is. */
  current: MemberId | null;
  /** True once the first pass is done and the round is coming back to those who passed. */
  returning: boolean;
  /** The seat the round counts from (its first member, or seat 1 when none was chosen). */
  startSeat: MemberId;
  direction: RoundDirection;
  /** Each pass in this round, in order: a member listed twice passed twice. */
  passed: MemberId[];
}

export interface Flag {
  id: string;
  kind: FlagKind;
  memberId: MemberId | null;
  text: string | null;
  phase: Phase | null;
  at: Instant;
  by: ActorId;
}

export interface Note {
  id: string;
  text: string;
  memberId: MemberId | null;
  private: boolean;
  at: Instant;
  by: ActorId;
}

export interface Signal {
  id: string;
  kind: SignalKind;
  /** The member it is about (P49); absent in signals made before it existed. */
  memberId?: MemberId | null;
  /** The sender's few words, at most 80 characters (P49); absent in older signals. */
  text?: string | null;
  from: ActorId;
  at: Instant;
  ackedAt: Instant | null;
  ackedBy: ActorId | null;
}

/** An attendance mark put right: the earlier mark stays in the log, this says it was wrong. */
export interface Correction {
  id: string;
  memberId: MemberId;
  from: AttendanceStatus;
  to: AttendanceMark;
  at: Instant;
  by: ActorId;
}

/** A crisis pause (issue 16 §6): when, by whom, about whom, and whether the member stepped out with them. */
export interface Crisis {
  id: string;
  at: Instant;
  by: ActorId;
  memberId: MemberId | null;
  stepOut: boolean;
}

export interface TalkTally {
  turns: number;
  talkMs: Duration;
  passes: number;
}

export interface SessionContext {
  plan: Plan;
  /** Member ids in seat order, fixed when the session was planned. Names live outside the machine. */
  seats: MemberId[];
  attendance: Record<MemberId, Attendance>;
  /** Session stopwatch: started by session.start, paused with the session. */
  clock: Stopwatch | null;
  endedAt: Instant | null;
  agreementsReviewedAt: Instant | null;
  phase: { name: Phase; watch: Stopwatch } | null;
  /** Active time of closed phase visits, per phase. */
  phaseMs: Record<Phase, Duration>;
  floor: Turn | null;
  /** Speakers waiting for the floor: members, and facilitators by speaker id (P51). */
  queue: SpeakerId[];
  round: Round | null;
  /** Each speaker's tally: members by id, facilitators by speaker id (P51). */
  talk: Record<SpeakerId, TalkTally>;
  flags: Flag[];
  notes: Note[];
  signals: Signal[];
  corrections: Correction[];
  crises: Crisis[];
  /** The exercise timer while it runs (P48); absent in contexts saved before it existed. */
  exercise?: Stopwatch | null;
}

export interface SessionInput {
  plan: Plan;
  seats: MemberId[];
}
