import { FACILITATOR_ROLES } from '../schemas/commands.js';
import { facilitatorRoleOf, facilitatorSpeaker } from '../session/speakers.js';
import type { Facilitator } from '../session/view.js';
import { duration } from '../time.js';
import type { FacilitatorTalk, TalkSplit, TurnRecord } from './types.js';

/**
 * R20: who held the floor, facilitators against members — what a supervisor reads to find a
 * session the therapist dominated. Closed turns only, like every talk figure; a facilitator's turn
 * (P51) counts here and never among the members' figures.
 */
export function talkSplit(turns: readonly TurnRecord[], facilitators: readonly Facilitator[]): TalkSplit {
  const closed = turns.filter((turn) => !turn.open);
  const byFacilitators = closed.filter((turn) => facilitatorRoleOf(turn.memberId) !== null);
  const facilitatorsMs = sum(byFacilitators);
  const membersMs = sum(closed) - facilitatorsMs;
  const total = facilitatorsMs + membersMs;
  const shareOf = (ms: number) => (total === 0 ? 0 : ms / total);
  return {
    facilitatorsMs: duration(facilitatorsMs),
    membersMs: duration(membersMs),
    facilitatorsShare: shareOf(facilitatorsMs),
    membersShare: shareOf(membersMs),
    facilitators: FACILITATOR_ROLES.flatMap((role): FacilitatorTalk[] => {
      const own = byFacilitators.filter((turn) => turn.memberId === facilitatorSpeaker(role));
      const staff = facilitators.find((f) => f.role === role);
      // A session without a co-facilitator has no row for one, unless a log says one spoke.
      if (!staff && own.length === 0) return [];
      const talkMs = sum(own);
      return [
        { role, id: staff?.id ?? null, name: staff?.name ?? null, talkMs: duration(talkMs), turns: own.length, share: shareOf(talkMs) },
      ];
    }),
  };
}

const sum = (turns: readonly TurnRecord[]) => turns.reduce((total, turn) => total + turn.talkMs, 0);
