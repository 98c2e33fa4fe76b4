import type { ActorId, Crisis, MemberId, SessionContext } from './context.js';
import type { EventOf } from './events.js';
import { releaseMember } from './floor.js';
import { inRoster, isAttending } from './roster.js';

/**
 * A crisis pause (issue 16 §6): what took about twelve taps in four dialogs — pause, a Risk flag,
 * "I'll take this" to the other facilitator, the member stepping out with the one who takes it —
 * as one command, so nothing of it can be half done.
 */

/** Why a crisis pause cannot be made, or null. The member is optional; stepping out needs one in the room. */
export function crisisProblem(ctx: SessionContext, event: EventOf<'crisis.pause'>): string | null {
  if (!inRoster(ctx, event.memberId ?? null)) return 'That member is not in this group.';
  if (!event.stepOut) return null;
  if (!event.memberId) return 'Choose the member who steps out.';
  if (!isAttending(ctx, event.memberId)) return 'That member is not marked present.';
  return ctx.attendance[event.memberId]!.steppedOutAt !== null ? 'That member has already stepped out.' : null;
}

/** Applies a crisis pause. Records made by it take the server's id with a suffix, so replay gives the same ids. */
export function crisisPause(
  ctx: SessionContext,
  event: EventOf<'crisis.pause'>,
  pauseAll: (ctx: SessionContext) => SessionContext,
): SessionContext {
  const { at, actor } = event;
  const memberId = event.memberId ?? null;
  const id = event.id ?? `${event.type}@${at}`;
  const live = ctx.clock !== null && ctx.clock.pausedAt === null;
  let next = live ? pauseAll(ctx) : ctx;
  if (event.stepOut && memberId) {
    const released = releaseMember(next, memberId, at);
    next = { ...released, attendance: { ...released.attendance, [memberId]: { ...released.attendance[memberId]!, steppedOutAt: at } } };
  }
  const crisis: Crisis = { id, at, by: actor, memberId, stepOut: event.stepOut === true };
  return {
    ...next,
    flags: [...next.flags, { id: `${id}-flag`, kind: 'risk', memberId, text: null, phase: ctx.phase?.name ?? null, at, by: actor }],
    signals: [
      ...next.signals,
      { id: `${id}-signal`, kind: 'illTakeThis', memberId, text: null, from: actor, at, ackedAt: null, ackedBy: null },
    ],
    crises: [...next.crises, crisis],
  };
}

/** The crisis pause still holding the session: the latest one, while the pause it made (or found) lasts. */
export function activeCrisis(ctx: SessionContext): Crisis | null {
  const last = ctx.crises.at(-1);
  const pausedAt = ctx.clock?.pausedAt ?? null;
  return last && ctx.endedAt === null && pausedAt !== null && last.at >= pausedAt ? last : null;
}

/** The facilitator a member stepped out with in a crisis pause, while they are still out from it. */
export function steppedOutWith(ctx: SessionContext, memberId: MemberId): ActorId | null {
  const out = ctx.attendance[memberId]?.steppedOutAt ?? null;
  if (out === null) return null;
  const crisis = ctx.crises.findLast((c) => c.stepOut && c.memberId === memberId && c.at === out);
  return crisis?.by ?? null;
}
