import type { MemberId } from '../session/context.js';
import type { RosterMember, SessionStatus } from '../session/view.js';
import { duration, type Duration, type Instant } from '../time.js';
import type { MemberAttendance, Review } from './types.js';

/**
 * A group over the weeks: a member × session grid of attendance and talk time, oldest session
 * first, so a therapist sees who is drifting away (absent more often, speaking less).
 */
export type AcrossStatus = 'present' | 'late' | 'leftEarly' | 'lateLeftEarly' | 'absent' | 'notSeated';

export const ACROSS_STATUS_LABELS: Record<AcrossStatus, string> = {
  present: 'Present',
  late: 'Late',
  leftEarly: 'Left early',
  lateLeftEarly: 'Late, left early',
  absent: 'Absent',
  notSeated: 'Not in the group',
};

export interface AcrossSession {
  sessionId: string;
  status: SessionStatus;
  startedAt: Instant | null;
  activeMs: Duration;
}

export interface AcrossCell {
  status: AcrossStatus;
  talkMs: Duration;
  turns: number;
  passes: number;
}

export interface AcrossRow {
  memberId: MemberId;
  name: string;
  /** One per session, in the order of `sessions`. */
  cells: AcrossCell[];
  attended: number;
  seated: number;
}

export interface AcrossSessions {
  sessions: AcrossSession[];
  members: AcrossRow[];
}

export function attendanceStatus(a: MemberAttendance | undefined): AcrossStatus {
  if (!a) return 'notSeated';
  if (!a.attended) return 'absent';
  if (a.late && a.leftAt !== null) return 'lateLeftEarly';
  if (a.late) return 'late';
  if (a.leftAt !== null) return 'leftEarly';
  return 'present';
}

/**
 * The grid over the reviews of a group's sessions (only sessions that started count). Rows are
 * the current roster in seat order, then former members who sat in any of the sessions.
 */
export function acrossSessions(reviews: readonly Review[], roster: readonly RosterMember[]): AcrossSessions {
  const started = reviews.filter((r) => r.session.startedAt !== null).sort((a, b) => a.session.startedAt! - b.session.startedAt!);
  const names = new Map<MemberId, string>();
  for (const r of started) for (const m of r.members) names.set(m.id, m.name);
  for (const m of roster) names.set(m.id, m.name);
  const current = [...roster].sort((a, b) => a.seat - b.seat).map((m) => m.id);
  const former = [...names.keys()].filter((id) => !current.includes(id)).sort((a, b) => names.get(a)!.localeCompare(names.get(b)!));

  const members = [...current, ...former].map((memberId): AcrossRow => {
    const cells = started.map((r): AcrossCell => {
      const talk = r.talk.find((t) => t.memberId === memberId);
      return {
        status: attendanceStatus(r.attendance.find((a) => a.memberId === memberId)),
        talkMs: talk?.talkMs ?? duration(0),
        turns: talk?.turns ?? 0,
        passes: talk?.passes ?? 0,
      };
    });
    const seated = cells.filter((c) => c.status !== 'notSeated').length;
    const attended = cells.filter((c) => c.status !== 'notSeated' && c.status !== 'absent').length;
    return { memberId, name: names.get(memberId) ?? '—', cells, attended, seated };
  });
  return {
    sessions: started.map((r) => ({
      sessionId: r.sessionId,
      status: r.session.status,
      startedAt: r.session.startedAt,
      activeMs: r.session.activeMs,
    })),
    members,
  };
}
