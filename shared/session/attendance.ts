import type { AttendanceMark } from '../schemas/commands.js';
import type { Attendance, MemberId, SessionContext } from './context.js';
import type { EventOf } from './events.js';
import { releaseMember } from './floor.js';
import { joinRound } from './round.js';
import { isAttending } from './roster.js';

/** Attendance: marks as the room changes, and corrections of a mark that was wrong. */

/** Why a mark cannot be made now, or null; the not-in-group check comes before it. */
export function markProblem(ctx: SessionContext, event: EventOf<'attendance.mark'>): string | null {
  const status = ctx.attendance[event.memberId]!.status;
  if (status === event.mark) return `That member is already marked ${event.mark}.`;
  if (event.mark === 'left' && !isAttending(ctx, event.memberId)) return 'That member is not marked present.';
  // "Late" is a time after the start; before it, everyone who has come is simply present.
  return event.mark === 'late' && ctx.clock === null ? 'The session has not started: mark them present.' : null;
}

/** Why a correction cannot be made, or null; the not-in-group check comes before it. */
export function correctionProblem(ctx: SessionContext, event: EventOf<'attendance.correct'>): string | null {
  const status = ctx.attendance[event.memberId]!.status;
  if (status === 'expected') return 'That member has not been marked yet: mark them instead.';
  return status === event.status ? `That member is already marked ${event.status}.` : null;
}

/** A new mark. A member who arrives during a go-round joins it (at the end unless chosen). */
export function markAttendance(ctx: SessionContext, event: EventOf<'attendance.mark'>): SessionContext {
  const { memberId, mark, at } = event;
  const started = ctx.clock !== null;
  const before = ctx.attendance[memberId]!;
  const patch: Record<AttendanceMark, Partial<Attendance>> = {
    present: { status: 'present', arrivedAt: started ? at : null, leftAt: null },
    late: { status: 'late', arrivedAt: at, leftAt: null },
    absent: { status: 'absent', arrivedAt: null, steppedOutAt: null },
    left: { status: 'left', leftAt: at, steppedOutAt: null },
  };
  return settle(ctx, memberId, before, patch[mark], event.joinRound ?? 'end', at);
}

/**
 * A correction: the member's status becomes what it should have been, and the correction itself
 * is recorded (who, what from, what to, when). The mark it corrects stays in the log as it was.
 * Times the earlier mark set are kept where they still hold; a time nobody recorded stays unknown
 * (null) rather than invented, except that a late arrival or an early leave needs one: `at`.
 */
export function correctAttendance(ctx: SessionContext, event: EventOf<'attendance.correct'>): SessionContext {
  const { memberId, status, at } = event;
  const before = ctx.attendance[memberId]!;
  const patch: Record<AttendanceMark, Partial<Attendance>> = {
    present: { status: 'present', leftAt: null },
    late: { status: 'late', arrivedAt: before.arrivedAt ?? at, leftAt: null },
    absent: { status: 'absent', arrivedAt: null, leftAt: null, steppedOutAt: null },
    left: { status: 'left', leftAt: before.leftAt ?? at, steppedOutAt: null },
  };
  const correction = { id: event.id ?? `${event.type}@${at}`, memberId, from: before.status, to: status, at, by: event.actor };
  const corrected = { ...ctx, corrections: [...ctx.corrections, correction] };
  return settle(corrected, memberId, before, patch[status], 'end', at);
}

/** Applies a new attendance: one who stops attending leaves the floor and queue; one who starts joins a round. */
function settle(
  ctx: SessionContext,
  memberId: MemberId,
  before: Attendance,
  patch: Partial<Attendance>,
  join: 'end' | 'seat',
  at: EventOf<'attendance.mark'>['at'],
): SessionContext {
  const next: Attendance = { ...before, ...patch };
  const attending = next.status === 'present' || next.status === 'late';
  const released = attending ? ctx : releaseMember(ctx, memberId, at);
  const updated = { ...released, attendance: { ...released.attendance, [memberId]: next } };
  return attending && !isAttending(ctx, memberId) ? joinRound(updated, memberId, join) : updated;
}
