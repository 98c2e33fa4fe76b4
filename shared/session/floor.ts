import { duration, elapsedOf, seconds, startWatch, type Instant } from '../time.js';
import type { MemberId, SessionContext, Turn } from './context.js';
import { isInRoom } from './roster.js';
import { speakerInRoom, type SpeakerId } from './speakers.js';

/** Pure steps on the floor, the queue and the go-round. Each returns a new context. */

/** Ends the current turn, adding its time to the speaker's tally. */
export function closeTurn(ctx: SessionContext, at: Instant): SessionContext {
  const turn = ctx.floor;
  if (!turn) return ctx;
  const tally = ctx.talk[turn.memberId] ?? { turns: 0, talkMs: duration(0), passes: 0 };
  const talkMs = duration(tally.talkMs + elapsedOf(turn.watch, at));
  return { ...ctx, floor: null, talk: { ...ctx.talk, [turn.memberId]: { ...tally, turns: tally.turns + 1, talkMs } } };
}

/** Gives the floor to a speaker (a member or a facilitator), ending any turn before it and taking the member out of the queue. */
export function openTurn(ctx: SessionContext, memberId: SpeakerId, at: Instant, via: Turn['via']): SessionContext {
  const closed = closeTurn(ctx, at);
  const floor: Turn = {
    memberId,
    watch: startWatch(at),
    held: false,
    allotmentMs: seconds(ctx.plan.turnAllotmentSeconds),
    via,
  };
  return { ...closed, floor, queue: closed.queue.filter((id) => id !== memberId) };
}

/** A member leaves the conversation (stepped out, absent, left): no floor, no place in the queue. */
export function releaseMember(ctx: SessionContext, memberId: MemberId, at: Instant): SessionContext {
  const closed = ctx.floor?.memberId === memberId ? closeTurn(ctx, at) : ctx;
  return { ...closed, queue: closed.queue.filter((id) => id !== memberId) };
}

/** Gives the floor to the head of the queue who is in the room (the rules ensure there is one). */
export function nextFromQueue(ctx: SessionContext, at: Instant): SessionContext {
  const head = ctx.queue.find((id) => speakerInRoom(ctx, id));
  return head === undefined ? closeTurn(ctx, at) : openTurn(ctx, head, at, 'queue');
}

/**
 * Moves a go-round on: the next member of the first pass who is in the room, then those who
 * passed (or were out) to come back to; with nobody left the round is over.
 */
export function advanceRound(ctx: SessionContext, at: Instant): SessionContext {
  const round = ctx.round;
  if (!round) return ctx;
  const closed = closeTurn(ctx, at);
  const pending = [...round.pending];
  const comeBack = [...round.comeBack];
  while (pending.length > 0) {
    const next = pending.shift()!;
    if (isInRoom(closed, next)) {
      return { ...openTurn(closed, next, at, 'round'), round: { ...round, pending, comeBack, current: next } };
    }
    comeBack.push(next); // out of the room now: come back to them at the end
  }
  const returnee = comeBack.find((id) => isInRoom(closed, id));
  if (returnee === undefined) return { ...closed, round: null };
  const rest = comeBack.filter((id) => id !== returnee);
  return {
    ...openTurn(closed, returnee, at, 'round'),
    round: { ...round, pending, comeBack: rest, current: returnee, returning: true },
  };
}

/** The member up in the round passes: no turn is counted, and they are come back to once. */
export function passInRound(ctx: SessionContext, at: Instant): SessionContext {
  const round = ctx.round;
  if (!round?.current) return ctx;
  const passer = round.current;
  const tally = ctx.talk[passer] ?? { turns: 0, talkMs: duration(0), passes: 0 };
  const floor = ctx.floor?.memberId === passer ? null : ctx.floor;
  const comeBack = round.returning ? round.comeBack : [...round.comeBack, passer];
  return advanceRound(
    {
      ...ctx,
      floor,
      round: { ...round, comeBack, current: null, passed: [...round.passed, passer] },
      talk: { ...ctx.talk, [passer]: { ...tally, passes: tally.passes + 1 } },
    },
    at,
  );
}
