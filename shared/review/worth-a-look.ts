import type { TrendSettings } from '../schemas/trends.js';
import { scoreWords, toTenth } from './ratings.js';
import { attendedStatus, type TrendCell, type TrendRating, type TrendRow, type Trends } from './trends.js';

/**
 * The "worth a look" list on a group's page (docs/review.md §Across sessions, R29–R33, R37–R38): one
 * pure rule per question a supervisor asks, each over the group's latest sessions (trends.ts)
 * with the group's thresholds. Every line names the sessions behind it, oldest first, so the
 * page links each line to them.
 */
export type LookKind = 'silent' | 'late' | 'talkShare' | 'attendance' | 'flagged' | 'ratingDrop' | 'ratingLow' | 'offPlan';

export interface LookLine {
  kind: LookKind;
  /** The member the line is about; null for a line about the sessions themselves. */
  memberId: string | null;
  text: string;
  sessionIds: string[];
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const percent = (fraction: number) => `${Math.round(fraction * 100)} %`;

/** A member's cells with their session ids, leaving out the sessions they were not seated in. */
function seatedCells(trends: Trends, row: TrendRow): { cell: TrendCell; sessionId: string }[] {
  return row.cells.map((cell, i) => ({ cell, sessionId: trends.sessions[i]!.sessionId })).filter(({ cell }) => cell.status !== 'notSeated');
}

type MemberLine = Omit<LookLine, 'memberId'>;

/** Lines about members, in seat order (the order of `trends.members`); a rule may give a member several. */
function perMember(trends: Trends, rule: (row: TrendRow) => MemberLine | MemberLine[] | null): LookLine[] {
  return trends.members.flatMap((row) => [rule(row) ?? []].flat().map((line) => ({ ...line, memberId: row.memberId })));
}

/** The sessions a member rated, oldest first, with the items each asked. */
function ratedCells(trends: Trends, row: TrendRow) {
  return row.cells.flatMap((cell, i) => {
    const session = trends.sessions[i]!;
    return cell.rating && session.ratingItems ? [{ rating: cell.rating, items: session.ratingItems, sessionId: session.sessionId }] : [];
  });
}

const points = (n: number) => `${scoreWords(n)} ${n === 1 ? 'point' : 'points'}`;

/**
 * R29: attended and did not speak in the last `silentRun` sessions they attended. Absences
 * neither count nor break the run (a member away for a week is not suddenly talking); a pass is
 * not speaking.
 */
export function silentRuns(trends: Trends, settings: TrendSettings): LookLine[] {
  return perMember(trends, (row) => {
    const run: string[] = [];
    for (const { cell, sessionId } of seatedCells(trends, row).reverse()) {
      if (!attendedStatus(cell.status)) continue;
      if (cell.talkMs > 0) break;
      run.unshift(sessionId);
    }
    if (run.length < settings.silentRun) return null;
    return {
      kind: 'silent',
      text: `${row.name} has not spoken in the last ${plural(run.length, 'session')} they attended.`,
      sessionIds: run,
    };
  });
}

/**
 * R30: late in at least `lateCount` of the last `lateOf` sessions they were seated in; with fewer
 * sessions than that, counted over those there are.
 */
export function lateOften(trends: Trends, settings: TrendSettings): LookLine[] {
  return perMember(trends, (row) => {
    const last = seatedCells(trends, row).slice(-settings.lateOf);
    const late = last.filter(({ cell }) => cell.status === 'late' || cell.status === 'lateLeftEarly');
    if (late.length < settings.lateCount) return null;
    return {
      kind: 'late',
      text: `${row.name} was late in ${late.length} of the last ${plural(last.length, 'session')}.`,
      sessionIds: late.map((c) => c.sessionId),
    };
  });
}

/** R31: more than `talkSharePercent` of a session's talk time, in any session of the window. */
export function talkShareAbove(trends: Trends, settings: TrendSettings): LookLine[] {
  return perMember(trends, (row) => {
    const over = seatedCells(trends, row).filter(({ cell }) => cell.share * 100 > settings.talkSharePercent);
    if (over.length === 0) return null;
    const highest = Math.max(...over.map(({ cell }) => cell.share));
    return {
      kind: 'talkShare',
      text:
        `${row.name} spoke more than ${settings.talkSharePercent} % of the talk time in ${over.length} of the last ` +
        `${plural(trends.sessions.length, 'session')} (at most ${percent(highest)}).`,
      sessionIds: over.map((c) => c.sessionId),
    };
  });
}

/** R32: attended fewer than `attendancePercent` of the sessions they were seated in; linked to the absences. */
export function lowAttendance(trends: Trends, settings: TrendSettings): LookLine[] {
  return perMember(trends, (row) => {
    const seated = seatedCells(trends, row);
    const absent = seated.filter(({ cell }) => !attendedStatus(cell.status));
    const attended = seated.length - absent.length;
    if (seated.length === 0 || attended * 100 >= settings.attendancePercent * seated.length) return null;
    return {
      kind: 'attendance',
      text: `${row.name} attended ${attended} of ${plural(seated.length, 'session')} (${percent(attended / seated.length)}).`,
      sessionIds: absent.map((c) => c.sessionId),
    };
  });
}

/** R32: a flag about them in at least `flaggedSessions` sessions of the window. */
export function flaggedOften(trends: Trends, settings: TrendSettings): LookLine[] {
  return perMember(trends, (row) => {
    const flagged = seatedCells(trends, row).filter(({ cell }) => cell.flags > 0);
    if (flagged.length < settings.flaggedSessions) return null;
    const flags = flagged.reduce((sum, { cell }) => sum + cell.flags, 0);
    return {
      kind: 'flagged',
      text: `${row.name} was flagged in ${flagged.length} of the last ${plural(trends.sessions.length, 'session')} (${plural(flags, 'flag')}).`,
      sessionIds: flagged.map((c) => c.sessionId),
    };
  });
}

/**
 * R37: the member's overall rating in the latest session they rated fell by `ratingDrop` points
 * or more from the session they rated before it (sessions they did not rate are skipped).
 */
export function ratingDropped(trends: Trends, settings: TrendSettings): LookLine[] {
  return perMember(trends, (row) => {
    const rated = ratedCells(trends, row).filter(
      (c): c is typeof c & { rating: TrendRating & { overall: number } } => c.rating.overall !== null,
    );
    const [before, latest] = rated.slice(-2);
    if (!before || !latest) return null;
    const drop = toTenth(before.rating.overall - latest.rating.overall);
    if (drop < settings.ratingDrop) return null;
    return {
      kind: 'ratingDrop',
      text: `${row.name}'s overall rating dropped ${points(drop)}, from ${scoreWords(before.rating.overall)} to ${scoreWords(latest.rating.overall)}.`,
      sessionIds: [before.sessionId, latest.sessionId],
    };
  });
}

/**
 * R38: an item rated below `ratingLow` in the member's latest `ratingLowRun` (or more) rated
 * sessions running. The items are those their latest rated session asked, named by its labels
 * (an item keeps its id when reworded); a rated session that did not ask the item ends the run.
 */
export function ratingLowRuns(trends: Trends, settings: TrendSettings): LookLine[] {
  return perMember(trends, (row) => {
    const rated = ratedCells(trends, row);
    const latest = rated.at(-1);
    if (!latest) return null;
    return latest.items.flatMap((item) => {
      const run: string[] = [];
      for (const { rating, items, sessionId } of [...rated].reverse()) {
        const score = items.some((i) => i.id === item.id) ? rating.scores[item.id] : undefined;
        if (score === undefined || score >= settings.ratingLow) break;
        run.unshift(sessionId);
      }
      if (run.length < settings.ratingLowRun) return [];
      const sessions = run.length === 1 ? 'the last session' : `the last ${run.length} sessions`;
      return [
        {
          kind: 'ratingLow' as const,
          text: `${row.name} rated “${item.label}” below ${settings.ratingLow} in ${sessions} they rated.`,
          sessionIds: run,
        },
      ];
    });
  });
}

/**
 * R33: sessions whose active time was off their plan by more than `planOffPercent` (over or
 * under); a session planned at 0 minutes has no plan to be off.
 */
export function offPlan(trends: Trends, settings: TrendSettings): LookLine[] {
  const off = trends.sessions.filter(
    (s) => s.plannedMs > 0 && Math.abs(s.activeMs - s.plannedMs) * 100 > settings.planOffPercent * s.plannedMs,
  );
  if (off.length === 0) return [];
  return [
    {
      kind: 'offPlan',
      memberId: null,
      text: `${off.length} of the last ${plural(trends.sessions.length, 'session')} ran more than ${settings.planOffPercent} % off their plan.`,
      sessionIds: off.map((s) => s.sessionId),
    },
  ];
}

const RULES = [silentRuns, lateOften, talkShareAbove, lowAttendance, flaggedOften, ratingDropped, ratingLowRuns, offPlan];

/** Every line, rule by rule in the order above, members in seat order within a rule. */
export function worthALook(trends: Trends, settings: TrendSettings): LookLine[] {
  return RULES.flatMap((rule) => rule(trends, settings));
}
