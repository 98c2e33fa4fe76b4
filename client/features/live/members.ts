import type { MemberId } from '../../../shared/session/context.js';
import { steppedOutWith } from '../../../shared/session/crisis.js';
import { passedTwice } from '../../../shared/session/round.js';
import { facilitatorName as speakingFacilitator } from '../../../shared/session/speakers.js';
import type { RosterMember, SessionView } from '../../../shared/session/view.js';

/** Members in seat order, as the circle draws them. */
export function seatedMembers(view: SessionView): RosterMember[] {
  return view.members.toSorted((a, b) => a.seat - b.seat);
}

/** A member's name, or a facilitator's staff display name when they hold the floor or a place in the queue (P51). */
export function nameOf(view: SessionView, id: MemberId | null | undefined): string {
  if (!id) return '';
  return view.members.find((m) => m.id === id)?.name ?? speakingFacilitator(view.facilitators, id) ?? 'A member';
}

export interface TileStatus {
  speaking: boolean;
  held: boolean;
  queuePosition: number | null;
  upInRound: boolean;
  passed: boolean;
  steppedOut: boolean;
  attending: boolean;
  late: boolean;
  left: boolean;
  notYetSpoken: boolean;
  /** Not marked yet: "Not here yet" once the session runs, never "Absent" (P35). */
  notMarked: boolean;
  /** When a late member arrived (server time). */
  arrivedAt: number | null;
  passedTwice: boolean;
  /** The facilitator a member stepped out with in a crisis pause (P42). */
  outWith: string | null;
}

/** Everything a tile shows about one member, read from the session's context. */
export function tileStatus(view: SessionView, id: MemberId): TileStatus {
  const ctx = view.context;
  const attendance = ctx.attendance[id];
  const status = attendance?.status ?? 'expected';
  const attending = status === 'present' || status === 'late';
  const speaking = ctx.floor?.memberId === id;
  const index = ctx.queue.indexOf(id);
  return {
    speaking,
    held: speaking && ctx.floor!.held,
    queuePosition: index === -1 ? null : index + 1,
    upInRound: ctx.round?.current === id,
    passed: ctx.round?.comeBack.includes(id) ?? false,
    steppedOut: attending && attendance?.steppedOutAt != null,
    attending,
    late: status === 'late',
    left: status === 'left',
    notYetSpoken: attending && !speaking && (ctx.talk[id]?.turns ?? 0) === 0,
    notMarked: status === 'expected',
    arrivedAt: status === 'late' ? (attendance?.arrivedAt ?? null) : null,
    passedTwice: passedTwice(ctx.round, id),
    outWith: facilitatorName(view, steppedOutWith(ctx, id)),
  };
}

const facilitatorName = (view: SessionView, id: string | null): string | null =>
  id === null ? null : (view.facilitators.find((f) => f.id === id)?.name ?? 'a facilitator');

/**
 * A time of day as the clinic reads it ("6:42 PM"). `timeZone` is the clinic's; without it the
 * device's own zone, which for a tablet in the room is the clinic's.
 */
export function clinicTime(ms: number, timeZone?: string): string {
  return new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit', ...(timeZone ? { timeZone } : {}) }).format(ms);
}

/**
 * A member's state in words: the tile's description for screen readers. With `short`, the
 * line under the name, which leaves the queue place to the tile's number badge.
 */
export function tileWords(status: TileStatus, sessionStarted: boolean, short = false, timeZone?: string): string {
  if (!status.attending) {
    if (status.left) return 'Left';
    if (status.notMarked) return sessionStarted ? 'Not here yet' : 'Not marked';
    return 'Absent';
  }
  const words: string[] = [];
  if (status.steppedOut) words.push(status.outWith ? `Stepped out with ${status.outWith}` : 'Stepped out');
  if (status.speaking) words.push(status.held ? 'Turn paused' : 'Speaking');
  if (status.queuePosition !== null && !short) words.push(`Queue ${status.queuePosition}`);
  if (status.passed || status.passedTwice) words.push(status.passedTwice ? 'Passed twice' : 'Passed');
  // A late arrival is told apart from one who has not spoken: "Late · 6:42 PM" comes first.
  if (status.late) words.push(status.arrivedAt === null ? 'Late' : `Late · ${clinicTime(status.arrivedAt, timeZone)}`);
  if (status.notYetSpoken && !status.steppedOut && !status.passed) words.push('Not yet spoken');
  // Under the name there is room for one word: the most telling one comes first.
  return short ? (words[0] ?? '') : words.join(' · ');
}
