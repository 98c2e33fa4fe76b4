import type { RatingItem, Scores } from '../schemas/rating-scale.js';
import type { MemberId } from '../session/context.js';
import type { RosterMember } from '../session/view.js';
import { duration, type Duration, type Instant } from '../time.js';
import { attendanceStatus, type AcrossStatus } from './across.js';
import { overallOf } from './ratings.js';
import type { FlagRecord, Review } from './types.js';

/**
 * A group's last few ended sessions as series (docs/review.md §Across sessions): what the
 * "worth a look" rules (worth-a-look.ts) read and the group page's small charts draw. Oldest
 * session first; rows are the current roster in seat order (a member who left is not drifting).
 */
export interface TrendSession {
  sessionId: string;
  startedAt: Instant;
  activeMs: Duration;
  plannedMs: Duration;
  /** Members seated in the session, and those of them who came. */
  seated: number;
  attended: number;
  /** Flags raised in the session, about a member or not. */
  flags: number;
  /** The items the session's ratings asked, in order; null when it collected none (R36). */
  ratingItems: readonly RatingItem[] | null;
}

/** A member's rating of one session (R36): scores by item id, and the overall figure to a tenth. */
export interface TrendRating {
  scores: Scores;
  overall: number | null;
}

export interface TrendCell {
  status: AcrossStatus;
  talkMs: Duration;
  /** Fraction of the session's talk time, 0…1. */
  share: number;
  /** Flags about this member in the session. */
  flags: number;
  /** The member's rating of the session, or null when they gave none (or it collected none). */
  rating: TrendRating | null;
}

export interface TrendRow {
  memberId: MemberId;
  name: string;
  /** One per session, in the order of `sessions`. */
  cells: TrendCell[];
}

export interface Trends {
  sessions: TrendSession[];
  members: TrendRow[];
}

/**
 * What of a session's review the trends read: small enough to keep in memory for an ended
 * session, whose figures never change (no names, no text).
 */
export interface TrendInput {
  sessionId: string;
  session: Pick<Review['session'], 'status' | 'startedAt' | 'activeMs' | 'plannedMs'>;
  attendance: Review['attendance'];
  talk: Review['talk'];
  flags: Pick<FlagRecord, 'memberId'>[];
  /**
   * The session's ratings, read from the store on each request rather than kept with the figures:
   * a member may still rate for 30 minutes after the end, which changes no log version.
   */
  ratings: TrendRatings | null;
}

/** What the trends read of a session's ratings: the items asked, and each member's scores. */
export interface TrendRatings {
  items: readonly RatingItem[];
  scores: Readonly<Record<MemberId, Scores>>;
}

/** A review cut down to what the trends read; the ratings are added by whoever reads the store. */
export function trendInputOf(review: Review): TrendInput {
  const { status, startedAt, activeMs, plannedMs } = review.session;
  return {
    sessionId: review.sessionId,
    session: { status, startedAt, activeMs, plannedMs },
    attendance: review.attendance.map((a) => ({ ...a, stepOuts: [], corrections: [] })),
    talk: review.talk,
    flags: review.flags.map((f) => ({ memberId: f.memberId })),
    ratings: null,
  };
}

/** The attended statuses: in the room at some point. */
export const attendedStatus = (s: AcrossStatus) => s !== 'absent' && s !== 'notSeated';

/** The latest `window` ended sessions of `reviews` as series over the current `roster`. */
export function trendsOf(reviews: readonly TrendInput[], roster: readonly RosterMember[], window: number): Trends {
  const ended = reviews
    .filter((r) => r.session.status === 'ended' && r.session.startedAt !== null)
    .sort((a, b) => a.session.startedAt! - b.session.startedAt!)
    .slice(-window);
  const sessions = ended.map((r): TrendSession => {
    const statuses = r.attendance.map(attendanceStatus);
    return {
      sessionId: r.sessionId,
      startedAt: r.session.startedAt!,
      activeMs: r.session.activeMs,
      plannedMs: r.session.plannedMs,
      seated: statuses.length,
      attended: statuses.filter(attendedStatus).length,
      flags: r.flags.length,
      ratingItems: r.ratings?.items ?? null,
    };
  });
  const members = [...roster]
    .sort((a, b) => a.seat - b.seat)
    .map((m): TrendRow => ({
      memberId: m.id,
      name: m.name,
      cells: ended.map((r): TrendCell => {
        const talk = r.talk.find((t) => t.memberId === m.id);
        return {
          status: attendanceStatus(r.attendance.find((a) => a.memberId === m.id)),
          talkMs: talk?.talkMs ?? duration(0),
          share: talk?.share ?? 0,
          flags: r.flags.filter((f) => f.memberId === m.id).length,
          rating: ratingOf(r.ratings, m.id),
        };
      }),
    }));
  return { sessions, members };
}

function ratingOf(ratings: TrendRatings | null, memberId: MemberId): TrendRating | null {
  const scores = ratings?.scores[memberId];
  if (!ratings || !scores) return null;
  return { scores, overall: overallOf(scores, ratings.items) };
}
