import type { FacilitatorRole } from '../schemas/commands.js';
import type { MemberId, SessionContext } from './context.js';
import { isInRoom } from './roster.js';
import type { Facilitator } from './view.js';

/**
 * Who can hold the floor: a member, or one of the session's facilitators (issue 16 §9, P51). A
 * facilitator's turn is kept where a member's is — `floor.memberId`, the queue, the `talk` tally —
 * under a speaker id no member id can take (ids are `A–Z a–z 0–9 _ -`; these have a colon), so one
 * path gives, queues, times, undoes and tallies both (ADR 012). Commands name a facilitator by
 * role, never by a member id; screens and the review name them by their staff display name.
 */
export type FacilitatorSpeaker = `facilitator:${FacilitatorRole}`;
/** A member id, or a facilitator's speaker id (`FacilitatorSpeaker`): both are strings. */
export type SpeakerId = MemberId;

export const facilitatorSpeaker = (role: FacilitatorRole): FacilitatorSpeaker => `facilitator:${role}`;

/** The role behind a speaker id, or null for a member. */
export function facilitatorRoleOf(id: SpeakerId): FacilitatorRole | null {
  if (id === 'facilitator:lead') return 'lead';
  if (id === 'facilitator:co') return 'co';
  return null;
}

/** The speaker a command names: its member, or the facilitator by role. */
export function speakerOf(named: { memberId?: MemberId | undefined; facilitator?: FacilitatorRole | undefined }): SpeakerId {
  return named.facilitator ? facilitatorSpeaker(named.facilitator) : named.memberId!;
}

/** The fields of a command that name `speaker`: `memberId` for a member, `facilitator` for a facilitator. */
export function speakerFields(speaker: SpeakerId): { memberId: MemberId } | { facilitator: FacilitatorRole } {
  const role = facilitatorRoleOf(speaker);
  return role ? { facilitator: role } : { memberId: speaker };
}

/** A facilitator is always in the room; a member when present and not stepped out. */
export const speakerInRoom = (ctx: SessionContext, id: SpeakerId): boolean => facilitatorRoleOf(id) !== null || isInRoom(ctx, id);

/** A facilitator speaker's staff display name, from the session's facilitators; null for a member. */
export function facilitatorName(facilitators: readonly Facilitator[], id: SpeakerId): string | null {
  const role = facilitatorRoleOf(id);
  return role && (facilitators.find((f) => f.role === role)?.name ?? (role === 'lead' ? 'the lead facilitator' : 'the co-facilitator'));
}
