import { PHASE_LABELS, PHASES } from '../phases.js';
import { SIGNAL_LABELS, type FlagKind } from '../schemas/commands.js';
import type { AttendanceStatus, MemberId, SessionContext } from '../session/context.js';
import type { SessionEvent } from '../session/events.js';
import { facilitatorName, facilitatorRoleOf, speakerOf } from '../session/speakers.js';
import type { Facilitator } from '../session/view.js';
import { duration, elapsedOf, type Instant } from '../time.js';
import { durationWords } from './durations.js';
import type { LineKind, LogLine, ReviewLogEntry } from './types.js';

/** Names for the words: members and facilitators by id. */
export interface Names {
  member: (id: MemberId | null) => string;
  actor: (id: string) => string;
}

export function namesOf(members: readonly { id: string; name: string }[], facilitators: readonly Facilitator[]): Names {
  const m = new Map(members.map((x) => [x.id, x.name]));
  const f = new Map(facilitators.map((x) => [x.id, x.name]));
  return {
    // A facilitator on the floor (P51) is named by their staff display name.
    member: (id) => (id === null ? 'the group' : (m.get(id) ?? facilitatorName(facilitators, id) ?? 'a former member')),
    actor: (id) => f.get(id) ?? 'A facilitator',
  };
}

const FLAG_WORDS: Record<FlagKind, string> = {
  distress: 'distress',
  conflict: 'conflict',
  confidentiality: 'a confidentiality concern',
  risk: 'risk',
  other: 'a concern',
};

/** Which filter each command's line falls under. */
const KINDS: Record<SessionEvent['type'], LineKind> = {
  'session.start': 'session',
  'session.pause': 'session',
  'session.resume': 'session',
  'session.end': 'session',
  'agreements.reviewed': 'session',
  'phase.next': 'phase',
  'phase.goto': 'phase',
  'floor.give': 'floor',
  'floor.next': 'floor',
  'turn.end': 'floor',
  'turn.pause': 'floor',
  'turn.resume': 'floor',
  'queue.add': 'queue',
  'queue.remove': 'queue',
  'queue.move': 'queue',
  'round.start': 'round',
  'round.pass': 'round',
  'round.end': 'round',
  'attendance.mark': 'attendance',
  'member.stepOut': 'attendance',
  'member.return': 'attendance',
  'flag.raise': 'flag',
  'note.add': 'note',
  'signal.send': 'signal',
  'signal.ack': 'signal',
  'attendance.correct': 'attendance',
  'crisis.pause': 'session',
  'floor.undo': 'floor',
  'exercise.start': 'phase',
  'exercise.stop': 'phase',
};

const STATUS_WORDS: Record<AttendanceStatus, string> = {
  expected: 'not marked',
  present: 'present',
  late: 'late',
  absent: 'absent',
  left: 'left early',
};

export const kindOf = (type: SessionEvent['type']): LineKind => KINDS[type];

/**
 * One log entry in plain words ("Dana gave the floor to Sam"), with the members it concerns.
 * `prev` and `next` are the contexts around it: what "next speaker" led to is in `next`.
 */
export function describeEntry(
  entry: ReviewLogEntry,
  prev: SessionContext,
  next: SessionContext,
  names: Names,
  startedAt: Instant | null,
): LogLine {
  const { text, memberIds } = words(entry.event, prev, next, names);
  const who = names.actor(entry.actorId);
  return {
    version: entry.version,
    at: entry.at,
    elapsedMs: startedAt === null || entry.at < startedAt ? null : duration(entry.at - startedAt),
    actorId: entry.actorId,
    kind: kindOf(entry.event.type),
    type: entry.event.type,
    phase: next.phase?.name ?? prev.phase?.name ?? null,
    memberIds: [...new Set(memberIds)],
    text: `${who} ${text}`,
    private: entry.event.type === 'note.add' && entry.event.private,
  };
}

function words(event: SessionEvent, prev: SessionContext, next: SessionContext, names: Names): { text: string; memberIds: MemberId[] } {
  const name = names.member;
  const say = (text: string, ...memberIds: (MemberId | null | undefined)[]) => ({
    text,
    // Members only: a facilitator's turn concerns no member (P51).
    memberIds: memberIds.filter((id): id is MemberId => !!id && facilitatorRoleOf(id) === null),
  });
  const ended = endedTurn(prev, next, event.at);
  const endedWords = ended ? ` (${name(ended.memberId)} spoke ${durationWords(ended.ms)})` : '';
  switch (event.type) {
    case 'session.start':
      return say('started the session');
    case 'session.pause':
      return say('paused the session');
    case 'session.resume': {
      const pausedFor = prev.clock?.pausedAt != null ? event.at - prev.clock.pausedAt : 0;
      return say(`resumed the session (paused ${durationWords(pausedFor)})`);
    }
    case 'session.end': {
      // Members never marked become absent now, and the line says so (not at the start: they might have come).
      const never = prev.seats.filter((id) => prev.attendance[id]?.status === 'expected' && next.attendance[id]?.status === 'absent');
      const absentWords = never.length ? `; never came, so marked absent: ${never.map(name).join(', ')}` : '';
      return say(`ended the session${endedWords}${absentWords}`, ended?.memberId, ...never);
    }
    case 'agreements.reviewed':
      return say('marked the agreements reviewed');
    case 'phase.next':
    case 'phase.goto': {
      const to = next.phase!.name;
      const back = prev.phase !== null && PHASES.indexOf(to) < PHASES.indexOf(prev.phase.name);
      const verb = event.type === 'phase.next' ? 'moved on to' : back ? 'went back to' : 'went to';
      return say(`${verb} ${PHASE_LABELS[to]}${endedWords}`, ended?.memberId);
    }
    case 'floor.give': {
      const to = name(speakerOf(event));
      // A facilitator giving the floor to themselves: "Robin took the floor", not "… to Robin".
      const gave = to === names.actor(event.actor) ? 'took the floor' : `gave the floor to ${to}`;
      return say(`${gave}${endedWords}`, speakerOf(event), ended?.memberId);
    }
    case 'floor.next': {
      const to = next.floor?.memberId ?? null;
      if (to === null) return say(`${prev.round ? 'closed the go-round' : 'ended the turn'}${endedWords}`, ended?.memberId);
      const how = next.floor!.via === 'round' ? 'moved the go-round on to' : 'gave the floor to the next speaker,';
      return say(`${how} ${name(to)}${endedWords}`, to, ended?.memberId);
    }
    case 'turn.end':
      return say(`ended ${name(prev.floor!.memberId)}'s turn${ended ? ` (${durationWords(ended.ms)})` : ''}`, prev.floor!.memberId);
    case 'turn.pause':
      return say(`paused ${name(prev.floor!.memberId)}'s turn`, prev.floor!.memberId);
    case 'turn.resume':
      return say(`resumed ${name(prev.floor!.memberId)}'s turn`, prev.floor!.memberId);
    case 'queue.add':
      return say(`added ${name(speakerOf(event))} to the speaking queue`, speakerOf(event));
    case 'queue.remove':
      return say(`took ${name(speakerOf(event))} out of the speaking queue`, speakerOf(event));
    case 'queue.move':
      return say(`moved ${name(speakerOf(event))} to place ${event.toIndex + 1} in the speaking queue`, speakerOf(event));
    case 'round.start': {
      const first = next.floor?.memberId ?? null;
      const way = event.direction === 'counterclockwise' ? ', counter-clockwise' : '';
      return say(`started a go-round${first ? `: ${name(first)} first` : ''}${way}${endedWords}`, first, ended?.memberId);
    }
    case 'round.pass': {
      const passer = prev.round!.current!;
      const up = next.floor?.memberId ?? null;
      const twice = prev.round!.passed.includes(passer) ? ' twice' : '';
      return say(
        `noted that ${name(passer)} passed${twice}${up ? `; ${name(up)} is up` : '; the go-round is over'}`,
        passer,
        up,
        ended?.memberId,
      );
    }
    case 'round.end':
      return say(`ended the go-round${endedWords}`, ended?.memberId);
    case 'attendance.mark': {
      const id = event.memberId;
      const mark = {
        present: `marked ${name(id)} present`,
        late: `marked ${name(id)} late`,
        absent: `marked ${name(id)} absent`,
        left: `noted that ${name(id)} left`,
      };
      const joined = prev.round !== null && !prev.round.order.includes(id) && next.round?.order.includes(id) === true;
      return say(`${mark[event.mark]}${joined ? ', joining the go-round' : ''}${endedWords}`, id, ended?.memberId);
    }
    case 'attendance.correct': {
      const id = event.memberId;
      const from = STATUS_WORDS[prev.attendance[id]?.status ?? 'expected'];
      return say(`corrected ${name(id)}'s attendance: ${from} → ${STATUS_WORDS[event.status]}${endedWords}`, id, ended?.memberId);
    }
    case 'member.stepOut':
      return say(`noted that ${name(event.memberId)} stepped out${endedWords}`, event.memberId, ended?.memberId);
    case 'member.return': {
      const out = prev.attendance[event.memberId]?.steppedOutAt;
      return say(
        `noted that ${name(event.memberId)} returned${out != null ? ` (out ${durationWords(event.at - out)})` : ''}`,
        event.memberId,
      );
    }
    case 'flag.raise':
      return say(`flagged ${FLAG_WORDS[event.kind]} about ${name(event.memberId)}${event.text ? `: “${event.text}”` : ''}`, event.memberId);
    case 'note.add':
      return say(`added a ${event.private ? 'private ' : ''}note about ${name(event.memberId)}: “${event.text}”`, event.memberId);
    case 'signal.send':
      return say(
        `signalled “${SIGNAL_LABELS[event.kind]}”${event.memberId ? ` about ${name(event.memberId)}` : ''}${event.text ? `: “${event.text}”` : ''}`,
        event.memberId,
      );
    case 'signal.ack': {
      const signal = prev.signals.find((s) => s.id === event.signalId);
      return say(
        signal ? `acknowledged “${SIGNAL_LABELS[signal.kind]}” after ${durationWords(event.at - signal.at)}` : 'acknowledged a signal',
      );
    }
    case 'crisis.pause': {
      const id = event.memberId ?? null;
      const paused = prev.clock?.pausedAt === null ? 'paused the session, ' : '';
      const out = event.stepOut && id ? `; ${name(id)} stepped out with ${names.actor(event.actor)}` : '';
      return say(
        `called a crisis pause${id ? ` about ${name(id)}` : ''}: ${paused}flagged risk, signalled “I'll take this”${out}${endedWords}`,
        id,
        ended?.memberId,
      );
    }
    case 'exercise.start':
      return say('started the exercise timer');
    case 'exercise.stop':
      return say('stopped the exercise timer');
    case 'floor.undo':
      // An Undo right after a tap (P46): the review counts no turn for it.
      return say(
        `undid giving the floor to ${name(speakerOf(event))} (no turn counted)${event.toQueueIndex === null ? '' : '; back in the speaking queue'}`,
        speakerOf(event),
      );
    default:
      return event satisfies never;
  }
}

/** The turn an entry closed and counted, with its time: the speaker's tally grew. */
function endedTurn(prev: SessionContext, next: SessionContext, at: Instant): { memberId: MemberId; ms: number } | null {
  const turn = prev.floor;
  if (!turn) return null;
  const before = prev.talk[turn.memberId]?.turns ?? 0;
  const after = next.talk[turn.memberId]?.turns ?? 0;
  return after > before ? { memberId: turn.memberId, ms: elapsedOf(turn.watch, at) } : null;
}
