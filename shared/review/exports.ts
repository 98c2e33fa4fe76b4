import { PHASE_LABELS } from '../phases.js';
import type { SessionRatings } from '../schemas/ratings.js';
import { toCsv, type Cell } from './csv.js';
import type { ReviewRecord } from './record.js';
import { wholeSeconds } from './rounding.js';
import { facilitatorSpeaker } from '../session/speakers.js';
import { ratingsJson } from './rating-exports.js';
import { attendanceWords } from './stubs.js';
import { REVIEW_SCHEMA_VERSION, type Review, type ReviewLogEntry } from './types.js';
import { zonedIso } from './zone.js';

/**
 * The documentation outputs (docs/review.md §Exports): a JSON file with the full log and every
 * figure, a CSV of the log (one row per entry) and a CSV of per-member figures. Private notes are
 * never in them: the entry stays (the versions run on without a gap) but its text and member go.
 */

const PRIVATE_LINE = 'added a private note (left out of this record)';

/** The review as it may leave the screen: private notes removed, their log lines emptied. */
export function forRecord(review: Review): Review {
  const actor = new Map(review.facilitators.map((f) => [f.id, f.name]));
  return {
    ...review,
    notes: review.notes.filter((n) => !n.private),
    lines: review.lines.map((line) =>
      line.private ? { ...line, memberIds: [], text: `${actor.get(line.actorId) ?? 'A facilitator'} ${PRIVATE_LINE}` } : line,
    ),
  };
}

/** A log entry as exported: a private note keeps only that it was one. */
function publicEntry(entry: ReviewLogEntry): ReviewLogEntry {
  const e = entry.event;
  if (e.type !== 'note.add' || !e.private) return entry;
  return { ...entry, event: { type: 'note.add', private: true, at: e.at, actor: e.actor, id: e.id } as unknown as ReviewLogEntry['event'] };
}

/** Keys whose numbers are instants; in the JSON export they become ISO 8601 with the clinic's offset. */
const INSTANT_KEYS = new Set([
  'at',
  'from',
  'to',
  'startedAt',
  'endedAt',
  'arrivedAt',
  'leftAt',
  'ackedAt',
  'asOf',
  'agreementsReviewedAt',
  'signedAt',
  'lockedAt',
]);

function withIsoTimes(value: unknown, timeZone: string): unknown {
  if (Array.isArray(value)) return value.map((v) => withIsoTimes(v, timeZone));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  // A plain loop: this runs over every turn and line of a long session.
  for (const key in value) {
    const v = (value as Record<string, unknown>)[key];
    if (typeof v === 'number') out[key] = INSTANT_KEYS.has(key) ? zonedIso(v, timeZone, true) : v;
    else out[key] = v !== null && typeof v === 'object' ? withIsoTimes(v, timeZone) : v;
  }
  return out;
}

export interface JsonExportInput {
  review: Review;
  log: readonly ReviewLogEntry[];
  record: ReviewRecord;
  timeZone: string;
  exportedAt: number;
  /** A notice the file must carry (42 CFR Part 2), or null. */
  notice?: string | null;
  /** The session's ratings (R39); null when it collected none or has not ended. */
  ratings?: SessionRatings | null;
}

/**
 * The JSON export. `log` holds every entry as stored — `event` exactly as the machine applied it
 * (its `at` in epoch ms, so the log replays) — with the entry's time also as ISO 8601.
 */
export function exportJson({ review, log, record, timeZone, exportedAt, notice = null, ratings = null }: JsonExportInput): object {
  const figures = forRecord(review);
  const { sessionId, groupId, groupName, plan, members, facilitators, lines: _lines, ...rest } = figures;
  return {
    schemaVersion: REVIEW_SCHEMA_VERSION,
    kind: 'holdspace.session-review',
    exportedAt: zonedIso(exportedAt, timeZone, true),
    timeZone,
    notice,
    session: { id: sessionId, groupId, groupName, plan },
    facilitators,
    members,
    log: log.map((entry) => {
      const e = publicEntry(entry);
      return { version: e.version, at: zonedIso(e.at, timeZone, true), actorId: e.actorId, commandId: e.commandId, event: e.event };
    }),
    // The words of each entry; its time, actor and command are in `log` under the same version.
    lines: figures.lines.map(({ version, elapsedMs, kind, phase, text }) => ({ version, elapsedMs, kind, phase, text })),
    figures: withIsoTimes(rest, timeZone),
    record: withIsoTimes(record, timeZone),
    ratings: ratingsJson(ratings, timeZone),
  };
}

export const LOG_CSV_COLUMNS = ['version', 'time', 'elapsed_seconds', 'actor', 'kind', 'event', 'phase', 'members', 'description'] as const;

/** One row per log entry, in version order. */
export function logCsv(review: Review, timeZone: string): string {
  const r = forRecord(review);
  const member = new Map(r.members.map((m) => [m.id, m.name]));
  const actor = new Map(r.facilitators.map((f) => [f.id, f.name]));
  const rows = r.lines.map((line): Cell[] => [
    line.version,
    zonedIso(line.at, timeZone),
    line.elapsedMs === null ? null : wholeSeconds(line.elapsedMs),
    actor.get(line.actorId) ?? line.actorId,
    line.kind,
    line.type,
    line.phase ? PHASE_LABELS[line.phase] : null,
    line.memberIds.map((id) => member.get(id) ?? id).join('; '),
    line.text,
  ]);
  return toCsv(LOG_CSV_COLUMNS, rows);
}

export const MEMBER_CSV_COLUMNS = [
  'member',
  'seat',
  'attendance',
  'arrived',
  'left',
  'time_present_seconds',
  'stepped_out_times',
  'stepped_out_seconds',
  'turns',
  'passes',
  'talk_seconds',
  'longest_turn_seconds',
  'talk_share_percent',
  'spoke',
  'flags',
  'notes',
  'role',
  'floor_share_percent',
] as const;

const secs = wholeSeconds;

const percent = (share: number) => Math.round(share * 1000) / 10;

/**
 * One row per member in seat order: the Talk time and attendance figures; then one row per
 * facilitator with their own time on the floor (R21). `talk_share_percent` is of the members' talk,
 * `floor_share_percent` of all talk on the floor, facilitators' included.
 */
export function membersCsv(review: Review, timeZone: string, clock: (ms: number) => string): string {
  const r = forRecord(review);
  const floorMs = r.talkSplit.facilitatorsMs + r.talkSplit.membersMs;
  const memberRows = r.members.map((m): Cell[] => {
    const a = r.attendance.find((x) => x.memberId === m.id);
    const t = r.talk.find((x) => x.memberId === m.id);
    const outMs = a?.stepOuts.reduce((sum, s) => sum + (s.to - s.from), 0) ?? 0;
    return [
      m.name,
      m.seat + 1,
      a ? attendanceWords(a, clock) : null,
      a?.attended && a.arrivedAt !== null && a.late ? zonedIso(a.arrivedAt, timeZone) : null,
      a?.leftAt != null ? zonedIso(a.leftAt, timeZone) : null,
      secs(a?.presentMs ?? 0),
      a?.stepOuts.length ?? 0,
      secs(outMs),
      t?.turns ?? 0,
      t?.passes ?? 0,
      secs(t?.talkMs ?? 0),
      secs(t?.longestTurnMs ?? 0),
      percent(t?.share ?? 0),
      (t?.turns ?? 0) > 0,
      r.flags.filter((f) => f.memberId === m.id).length,
      r.notes.filter((n) => n.memberId === m.id).length,
      'member',
      percent(floorMs === 0 ? 0 : (t?.talkMs ?? 0) / floorMs),
    ];
  });
  // Only what a facilitator's own time has: the member columns stay empty.
  const facilitatorRows = r.talkSplit.facilitators.map((f): Cell[] => {
    const longest = r.turns.filter((turn) => !turn.open && turn.memberId === facilitatorSpeaker(f.role));
    return [
      f.name ?? f.role,
      ...Array<Cell>(7).fill(null),
      f.turns,
      null,
      secs(f.talkMs),
      secs(longest.reduce((max, turn) => Math.max(max, turn.talkMs), 0)),
      null,
      f.turns > 0,
      null,
      null,
      f.role,
      percent(f.share),
    ];
  });
  return toCsv(MEMBER_CSV_COLUMNS, [...memberRows, ...facilitatorRows]);
}
