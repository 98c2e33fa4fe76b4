import { PHASE_LABELS } from '../phases.js';
import type { MemberId } from '../session/context.js';
import type { Instant } from '../time.js';
import { durationWords } from './durations.js';
import { attendanceWords, nameRedactor } from './stubs.js';
import type { Review } from './types.js';

/**
 * A progress note per member (CPT 90853: one note for each member's chart; docs/review.md
 * §Progress notes). The facts come from the same review figures the page shows; the narrative
 * fields are the facilitators' to write, prefilled from those facts.
 */

export const NOTE_FIELDS = ['presentation', 'participation', 'interventions', 'response', 'plan'] as const;
export type NoteField = (typeof NOTE_FIELDS)[number];
export type NoteFields = Record<NoteField, string>;

export const NOTE_FIELD_LABELS: Record<NoteField, string> = {
  presentation: 'Presentation and mood',
  participation: 'Participation',
  interventions: 'Interventions used',
  response: 'Response',
  plan: 'Plan',
};

/** `progress` for a member who attended; `attendance` (facts only, nothing to write) for one absent. */
export type NoteKind = 'progress' | 'attendance';

export interface MemberFacts {
  memberId: MemberId;
  name: string;
  kind: NoteKind;
  /** One sentence each: attendance, time present, steps-out, talk, passes, flags, the skill. */
  facts: string[];
  /** The draft a note starts from before anyone edits it. */
  prefill: NoteFields;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * The facts the log holds for each seated member, in seat order, and the draft they prefill.
 * A member's facts never name another member: names in flag text become "another member".
 * Give it a review with private notes removed (`forRecord`); notes are not facts here anyway.
 */
export function memberFacts(review: Review, clock: (ms: number) => string): MemberFacts[] {
  const nameOf = new Map(review.members.map((m) => [m.id, m.name]));
  const skill = review.plan.skill?.trim() || null;
  const { startedAt, endedAt } = review.session;
  return review.attendance.map((a): MemberFacts => {
    const name = nameOf.get(a.memberId) ?? '—';
    const attendance = `Attendance: ${attendanceWords(a, clock)}.`;
    if (!a.attended) return { memberId: a.memberId, name, kind: 'attendance', facts: [attendance], prefill: emptyFields() };

    const redact = nameRedactor(review.members.filter((m) => m.id !== a.memberId && m.name !== name).map((m) => m.name));
    const from = a.arrivedAt ?? startedAt;
    const to = a.leftAt ?? endedAt;
    const span = from !== null && to !== null ? `, ${clock(from)}–${clock(to)}` : '';
    const facts = [attendance, `In the room ${durationWords(a.presentMs)}${span}.`];
    if (a.stepOuts.length > 0) {
      const outMs = a.stepOuts.reduce((sum, s) => sum + (s.to - s.from), 0);
      const times = a.stepOuts.map((s) => `${clock(s.from)}${s.returned ? `–${clock(s.to)}` : ', did not return'}`).join('; ');
      facts.push(`Stepped out ${plural(a.stepOuts.length, 'time')}, ${durationWords(outMs)} in all (${times}).`);
    }
    const talk = review.talk.find((t) => t.memberId === a.memberId);
    const turns = talk?.turns ?? 0;
    facts.push(
      turns > 0
        ? `Spoke in ${plural(turns, 'turn')}, ${durationWords(talk!.talkMs)} in all (${Math.round(talk!.share * 100)}% of the group's talk time).`
        : 'Did not speak.',
    );
    if (talk && talk.passes > 0) facts.push(`Passed ${plural(talk.passes, 'time')}.`);
    const participation = facts.join(' ');
    const flags = review.flags.filter((f) => f.memberId === a.memberId);
    for (const f of flags) {
      const phase = f.phase ? ` (${PHASE_LABELS[f.phase]})` : '';
      facts.push(`Flagged: ${f.label}, ${clock(f.at)}${phase}${f.text ? `: “${redact(f.text)}”` : ''}.`);
    }
    if (skill) facts.push(`Skill taught: ${skill}.`);

    return {
      memberId: a.memberId,
      name,
      kind: 'progress',
      facts,
      prefill: {
        presentation: flags.length > 0 ? `Flagged during the session: ${flags.map((f) => f.label.toLowerCase()).join(', ')}.` : '',
        participation,
        interventions: skill ? `Skill taught: ${skill}.` : '',
        response: '',
        plan: '',
      },
    };
  });
}

function emptyFields(): NoteFields {
  return { presentation: '', participation: '', interventions: '', response: '', plan: '' };
}

/** One saved version of a note's narrative: version 0 is the prefilled draft, never stored. */
export interface NoteVersion {
  version: number;
  fields: NoteFields;
  savedAt: Instant | null;
  savedBy: string | null;
}

export interface NoteAddendum {
  id: string;
  authorName: string;
  at: Instant;
  text: string;
}

/** A member's note as the API returns it. */
export interface ProgressNote extends MemberFacts, NoteVersion {
  addenda: NoteAddendum[];
}

/** `GET /api/sessions/:id/progress-notes`. */
export interface ProgressNotesResponse {
  notes: ProgressNote[];
  /** Signed (the review is locked): the notes take addenda only. */
  signed: boolean;
  /** Only the session's facilitators write notes; a reviewer reads them. */
  canEdit: boolean;
  timeZone: string;
}
