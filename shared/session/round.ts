import type { RoundDirection, RoundJoin } from '../schemas/commands.js';
import type { Instant } from '../time.js';
import type { MemberId, Round, SessionContext } from './context.js';
import type { EventOf } from './events.js';
import { advanceRound } from './floor.js';
import { isAttending, isInRoom } from './roster.js';

/** Pure steps and questions of a go-round that knows the room: where it starts, its direction, who joins late. */

/**
 * How far round the circle a seat is from where the round started, in the round's direction:
 * 0 for the first seat, seats.length − 1 for the last one it reaches.
 */
function rankOf(ctx: SessionContext, round: Pick<Round, 'startSeat' | 'direction'>, id: MemberId): number {
  const n = ctx.seats.length;
  const step = round.direction === 'clockwise' ? 1 : -1;
  return ((((ctx.seats.indexOf(id) - ctx.seats.indexOf(round.startSeat)) * step) % n) + n) % n;
}

/** A go-round over everyone attending, from the chosen member (or seat 1) in the chosen direction (or clockwise). */
export function startRound(ctx: SessionContext, event: EventOf<'round.start'>, at: Instant): SessionContext {
  const direction: RoundDirection = event.direction ?? 'clockwise';
  const startSeat = event.firstMemberId ?? ctx.seats[0]!;
  const shape = { startSeat, direction };
  const order = ctx.seats.filter((id) => isAttending(ctx, id)).sort((a, b) => rankOf(ctx, shape, a) - rankOf(ctx, shape, b));
  const round: Round = { order, pending: order, comeBack: [], current: null, returning: false, ...shape, passed: [] };
  return advanceRound({ ...ctx, round }, at);
}

/**
 * Why a member arriving now cannot join the round at their seat, or null. The round must be in
 * its first pass and not yet have reached the seat; otherwise the member joins at the end.
 */
export function seatJoinProblem(ctx: SessionContext, memberId: MemberId): string | null {
  const round = ctx.round;
  if (round === null) return 'No go-round is under way.';
  if (round.returning) return 'The go-round is coming back to those who passed: add them at the end.';
  if (round.current !== null && rankOf(ctx, round, memberId) <= rankOf(ctx, round, round.current)) {
    return 'The go-round has already passed their seat: add them at the end.';
  }
  return null;
}

/**
 * A member who arrives (or is put right as here) during a go-round joins it: after everyone else
 * by default, or at their seat when the round has not reached it. One the round already holds is
 * left where they are.
 */
export function joinRound(ctx: SessionContext, memberId: MemberId, where: RoundJoin): SessionContext {
  const round = ctx.round;
  if (round === null || round.order.includes(memberId)) return ctx;
  const order = [...round.order, memberId];
  if (round.returning) return { ...ctx, round: { ...round, order, comeBack: [...round.comeBack, memberId] } };
  const pending = [...round.pending];
  const rank = rankOf(ctx, round, memberId);
  const before = where === 'seat' ? pending.findIndex((id) => rankOf(ctx, round, id) > rank) : -1;
  pending.splice(before === -1 ? pending.length : before, 0, memberId);
  return { ...ctx, round: { ...round, order, pending } };
}

/**
 * Who "Next speaker" would give the floor to: in a go-round, the next member of the first pass in
 * the room, then the first to come back to; otherwise the first queued member in the room. Null
 * when nobody would (the round would end, or the queue is empty). Mirrors `advanceRound`.
 */
export function upNext(ctx: SessionContext): MemberId | null {
  const round = ctx.round;
  if (round === null) return ctx.queue.find((id) => isInRoom(ctx, id)) ?? null;
  const inRoom = (id: MemberId) => isInRoom(ctx, id);
  return round.pending.find(inRoom) ?? round.comeBack.find(inRoom) ?? null;
}

/**
 * How far the round has got: members it has reached out of those it is for. Someone who has since
 * left (or been marked absent) is counted in neither.
 */
export function roundProgress(ctx: SessionContext): { reached: number; of: number } | null {
  const round = ctx.round;
  if (round === null) return null;
  const still = round.order.filter((id) => isAttending(ctx, id));
  return { reached: still.filter((id) => !round.pending.includes(id)).length, of: still.length };
}

/** A member who passed twice in the round under way: once in the first pass and again when come back to. */
export const passedTwice = (round: Round | null, id: MemberId): boolean => (round?.passed.filter((p) => p === id).length ?? 0) >= 2;
