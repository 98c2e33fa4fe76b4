import { PHASE_LABELS, nextPhaseAfter } from '../phases.js';
import type { SessionContext } from './context.js';
import type { EventOf, SessionEvent } from './events.js';
import { correctionProblem, markProblem } from './attendance.js';
import { crisisProblem } from './crisis.js';
import { seatJoinProblem } from './round.js';
import { inRoster, isAttending, isInRoom, membersInRoom } from './roster.js';
import { facilitatorRoleOf, speakerInRoom, speakerOf, type SpeakerId } from './speakers.js';
import { UNDO_ACCEPTED_MS } from './tap.js';

/**
 * Why an event cannot apply to this context, in words a facilitator understands; null when it can.
 * The machine's one guard is "no reason against it", and the server quotes the reason in its ack,
 * so the rule and its explanation can never drift apart. Whether an event fits the current *state*
 * (lobby, live, paused, ended) is the machine's structure, not a rule here.
 */
export function reasonAgainst(ctx: SessionContext, event: SessionEvent): string | null {
  switch (event.type) {
    case 'session.start':
      return membersInRoom(ctx).length === 0 ? 'Mark at least one member present before starting.' : null;
    case 'session.pause':
    case 'session.resume':
    case 'session.end':
      return null;
    case 'signal.send':
      return signalProblem(ctx, event);
    case 'agreements.reviewed':
      return ctx.agreementsReviewedAt !== null ? 'The agreements are already marked as reviewed.' : null;
    case 'phase.next':
      return ctx.phase && nextPhaseAfter(ctx.phase.name) === null ? 'Feedback is the last phase: end the session instead.' : null;
    case 'phase.goto':
      return ctx.phase?.name === event.phase ? `The session is already in ${PHASE_LABELS[event.phase]}.` : null;
    case 'floor.give': {
      const speaker = speakerOf(event);
      return speakerProblem(ctx, event) ?? (ctx.floor?.memberId === speaker ? `${whoIs(speaker)} already has the floor.` : null);
    }
    case 'floor.next':
      return ctx.round === null && !ctx.queue.some((id) => speakerInRoom(ctx, id)) ? 'The speaking queue is empty.' : null;
    case 'turn.end':
      return ctx.floor === null ? 'Nobody has the floor.' : null;
    case 'turn.pause':
      return ctx.floor === null ? 'Nobody has the floor.' : ctx.floor.held ? 'The turn is already paused.' : null;
    case 'turn.resume':
      return ctx.floor === null ? 'Nobody has the floor.' : !ctx.floor.held ? 'The turn is not paused.' : null;
    case 'queue.add': {
      const speaker = speakerOf(event);
      return (
        speakerProblem(ctx, event) ??
        (ctx.queue.includes(speaker) ? `${whoIs(speaker)} is already in the queue.` : null) ??
        (ctx.floor?.memberId === speaker ? `${whoIs(speaker)} has the floor.` : null)
      );
    }
    case 'queue.remove':
      return ctx.queue.includes(speakerOf(event)) ? null : `${whoIs(speakerOf(event))} is not in the queue.`;
    case 'queue.move':
      if (!ctx.queue.includes(speakerOf(event))) return `${whoIs(speakerOf(event))} is not in the queue.`;
      return event.toIndex >= ctx.queue.length ? 'That place is past the end of the queue.' : null;
    case 'round.start':
      if (ctx.round !== null) return 'A go-round is already under way.';
      if (membersInRoom(ctx).length === 0) return 'Nobody is in the room for a go-round.';
      return event.firstMemberId ? memberProblem(ctx, event.firstMemberId) : null;
    case 'round.pass':
      return ctx.round?.current ? null : 'Nobody is up in a go-round.';
    case 'round.end':
      return ctx.round === null ? 'No go-round is under way.' : null;
    case 'attendance.mark':
      if (!inRoster(ctx, event.memberId)) return 'That member is not in this group.';
      return (
        markProblem(ctx, event) ??
        (event.joinRound === 'seat' && arriving(ctx, event.memberId, event.mark) ? seatJoinProblem(ctx, event.memberId) : null)
      );
    case 'member.stepOut':
      if (!inRoster(ctx, event.memberId)) return 'That member is not in this group.';
      if (!isAttending(ctx, event.memberId)) return 'That member is not marked present.';
      return ctx.attendance[event.memberId]!.steppedOutAt !== null ? 'That member has already stepped out.' : null;
    case 'member.return':
      if (!inRoster(ctx, event.memberId)) return 'That member is not in this group.';
      return ctx.attendance[event.memberId]!.steppedOutAt === null ? 'That member has not stepped out.' : null;
    case 'flag.raise':
    case 'note.add':
      return inRoster(ctx, event.memberId) ? null : 'That member is not in this group.';
    case 'signal.ack': {
      const signal = ctx.signals.find((s) => s.id === event.signalId);
      if (!signal) return 'There is no such signal.';
      if (signal.ackedAt !== null) return 'That signal is already acknowledged.';
      return signal.from === event.actor ? 'The other facilitator acknowledges a signal you sent.' : null;
    }
    case 'crisis.pause':
      return crisisProblem(ctx, event);
    case 'attendance.correct':
      return inRoster(ctx, event.memberId) ? correctionProblem(ctx, event) : 'That member is not in this group.';
    case 'floor.undo': {
      const turn = ctx.floor;
      if (!turn || turn.memberId !== speakerOf(event)) return `${whoIs(speakerOf(event))} does not have the floor.`;
      if (turn.via !== 'direct') return 'Only a floor given with a tap can be undone.';
      return event.at - turn.watch.startedAt > UNDO_ACCEPTED_MS ? 'Too late to undo: the turn has begun. End the turn instead.' : null;
    }
    case 'exercise.start':
      if (!ctx.plan.exercise) return 'The plan has no exercise for this skill.';
      return ctx.exercise ? 'The exercise is already running.' : null;
    case 'exercise.stop':
      return ctx.exercise ? null : 'No exercise is running.';
    default:
      return event satisfies never;
  }
}

/** The mark makes a member attend who did not: the only case where joining a round at their seat means anything. */
const arriving = (ctx: SessionContext, id: string, mark: string) => (mark === 'present' || mark === 'late') && !isAttending(ctx, id);

/**
 * Whether the speaker a command names can take the floor or a place in the queue: a facilitator
 * named by role always can (always in the room); a `memberId` must be a member's, so a speaker id
 * sent as one is no way in.
 */
function speakerProblem(ctx: SessionContext, named: { memberId?: string | undefined; facilitator?: unknown }): string | null {
  return named.facilitator ? null : memberProblem(ctx, named.memberId!);
}

/** The subject of a refusal: rules know no names, so a facilitator is named by role. */
function whoIs(speaker: SpeakerId): string {
  const role = facilitatorRoleOf(speaker);
  return role === null ? 'That member' : role === 'lead' ? 'The lead facilitator' : 'The co-facilitator';
}

/**
 * P49: a signal's member is one of the group. That Check on member names one is the command's
 * wire shape (schemas/commands.ts), not a rule here: a signal logged before P49 names nobody, and
 * its log must still replay.
 */
function signalProblem(ctx: SessionContext, event: EventOf<'signal.send'>): string | null {
  return inRoster(ctx, event.memberId ?? null) ? null : 'That member is not in this group.';
}

function memberProblem(ctx: SessionContext, memberId: string): string | null {
  if (!inRoster(ctx, memberId)) return 'That member is not in this group.';
  if (!isAttending(ctx, memberId)) return 'That member is not marked present.';
  if (!isInRoom(ctx, memberId)) return 'That member has stepped out.';
  return null;
}
