import { PHASE_LABELS } from '../phases.js';
import type { MemberId } from '../session/context.js';
import { durationWords } from './durations.js';
import type { MemberAttendance, Review } from './types.js';

/**
 * Words for the print report: a line of attendance, and one short stub per member to paste into
 * that member's health record. A stub never names another member: their names in flag and note
 * text become "another member" (other members' confidentiality, BRIEF §1).
 */

/**
 * "Present", "Late (arrived 10:05)", "Left early (10:40)", "Absent"; `clock` formats a time of day
 * in the clinic's locale and zone (`clinicTime`, R23).
 */
export function attendanceWords(a: MemberAttendance, clock: (ms: number) => string): string {
  if (!a.attended) return a.status === 'expected' ? 'Not marked' : 'Absent';
  const parts: string[] = [];
  if (a.late) parts.push(a.arrivedAt !== null ? `Late (arrived ${clock(a.arrivedAt)})` : 'Late');
  if (a.leftAt !== null) parts.push(`${parts.length ? 'left' : 'Left'} early (${clock(a.leftAt)})`);
  return parts.length ? parts.join(', ') : 'Present';
}

export interface MemberStub {
  memberId: MemberId;
  name: string;
  lines: string[];
}

/**
 * A function that replaces whole-word mentions of `others` (case aside) with "another member".
 * One pattern for all the names, made once per stub rather than once per text.
 */
export function nameRedactor(others: readonly string[]): (text: string) => string {
  const names = others
    .map((n) => n.trim())
    .filter((n) => n !== '')
    // Longest first, so "Ana Maria" is replaced whole before "Ana" could match inside it.
    .sort((a, b) => b.length - a.length)
    .map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  if (names.length === 0) return (text) => text;
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${names.join('|')})(?![\\p{L}\\p{N}])`, 'giu');
  return (text) => text.replace(pattern, 'another member');
}

export function redactNames(text: string, others: readonly string[]): string {
  return nameRedactor(others)(text);
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * One stub per seat: attendance, time present, turns, talk time, passes, and the flags and notes
 * about the member. Give it a review with private notes already removed (`forRecord`).
 */
export function memberStubs(review: Review, clock: (ms: number) => string): MemberStub[] {
  const nameOf = new Map(review.members.map((m) => [m.id, m.name]));
  const actor = new Map(review.facilitators.map((f) => [f.id, f.name]));
  const at = clock;
  const phase = (p: string | null) => (p ? ` (${PHASE_LABELS[p as keyof typeof PHASE_LABELS]})` : '');
  return review.attendance.map((a): MemberStub => {
    const name = nameOf.get(a.memberId) ?? '—';
    const redact = nameRedactor(review.members.filter((m) => m.id !== a.memberId && m.name !== name).map((m) => m.name));
    const lines = [`Attendance: ${attendanceWords(a, clock)}.`];
    if (a.attended) {
      lines.push(`Time present: ${durationWords(a.presentMs)} of ${durationWords(review.session.wallMs)}.`);
      if (a.stepOuts.length > 0) {
        const outMs = a.stepOuts.reduce((sum, s) => sum + (s.to - s.from), 0);
        lines.push(`Stepped out ${plural(a.stepOuts.length, 'time')} (${durationWords(outMs)} in all).`);
      }
      const talk = review.talk.find((t) => t.memberId === a.memberId);
      const passes = talk && talk.passes > 0 ? ` Passed ${plural(talk.passes, 'time')}.` : '';
      if (talk && talk.turns > 0) {
        lines.push(
          `Spoke in ${plural(talk.turns, 'turn')}: ${durationWords(talk.talkMs)} in all, longest ${durationWords(talk.longestTurnMs)} (${Math.round(talk.share * 100)}% of the group's talk time).${passes}`,
        );
      } else {
        lines.push(`Did not speak.${passes}`);
      }
    }
    for (const f of review.flags.filter((x) => x.memberId === a.memberId)) {
      const text = f.text ? `: “${redact(f.text)}”` : '.';
      lines.push(`Flag — ${f.label}, ${at(f.at)}${phase(f.phase)}, by ${actor.get(f.by) ?? 'a facilitator'}${text}`);
    }
    for (const n of review.notes.filter((x) => x.memberId === a.memberId && !x.private)) {
      lines.push(`Note, ${at(n.at)}${phase(n.phase)}, by ${actor.get(n.by) ?? 'a facilitator'}: “${redact(n.text)}”`);
    }
    return { memberId: a.memberId, name, lines };
  });
}
