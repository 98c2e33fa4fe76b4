import type { MemberId, SessionContext } from './context.js';

/** Small, named questions about who is where; used by rules, reducers and views alike. */
export const inRoster = (ctx: SessionContext, id: MemberId | null): boolean => id === null || Object.hasOwn(ctx.attendance, id);

export const isAttending = (ctx: SessionContext, id: MemberId): boolean => {
  const status = ctx.attendance[id]?.status;
  return status === 'present' || status === 'late';
};

/** Attending and in the room right now (not stepped out). */
export const isInRoom = (ctx: SessionContext, id: MemberId): boolean => isAttending(ctx, id) && ctx.attendance[id]?.steppedOutAt === null;

export const membersInRoom = (ctx: SessionContext): MemberId[] => ctx.seats.filter((id) => isInRoom(ctx, id));
