import { describe, expect, it } from 'vitest';
import type { AcrossStatus } from '../../../shared/review/across.js';
import type { Trends } from '../../../shared/review/trends.js';
import {
  flaggedOften,
  lateOften,
  lowAttendance,
  offPlan,
  silentRuns,
  talkShareAbove,
  worthALook,
} from '../../../shared/review/worth-a-look.js';
import { DEFAULT_TREND_SETTINGS, trendSettingsInputSchema, type TrendSettings } from '../../../shared/schemas/trends.js';
import { duration, instant } from '../../../shared/time.js';

/**
 * The "worth a look" rules (docs/review.md §Across sessions) on hand-built series: one letter per
 * session for a member — P present, L late, E left early, B late and left early, A absent,
 * - not seated — with talk seconds, shares and flags given per session where a rule reads them.
 */
interface Cells {
  marks: string;
  talk?: number[];
  share?: number[];
  flags?: number[];
}
const STATUS: Record<string, AcrossStatus> = { P: 'present', L: 'late', E: 'leftEarly', B: 'lateLeftEarly', A: 'absent', '-': 'notSeated' };

function trends(members: Record<string, Cells>, sessions?: { planned: number; active: number }[]): Trends {
  const count = Math.max(sessions?.length ?? 0, ...Object.values(members).map((m) => m.marks.length));
  return {
    sessions: Array.from({ length: count }, (_, i) => ({
      sessionId: `s${i + 1}`,
      startedAt: instant(1_800_000_000_000 + i * 604_800_000),
      activeMs: duration((sessions?.[i]?.active ?? 75) * 60_000),
      plannedMs: duration((sessions?.[i]?.planned ?? 75) * 60_000),
      seated: 0,
      attended: 0,
      flags: 0,
      ratingItems: null,
    })),
    members: Object.entries(members).map(([name, m]) => ({
      memberId: `m-${name}`,
      name,
      cells: [...m.marks].map((mark, i) => {
        const status = STATUS[mark]!;
        const attended = status !== 'absent' && status !== 'notSeated';
        return {
          status,
          talkMs: duration((m.talk?.[i] ?? (attended ? 60 : 0)) * 1000),
          share: m.share?.[i] ?? 0,
          flags: m.flags?.[i] ?? 0,
          rating: null,
        };
      }),
    })),
  };
}
const settings = (patch: Partial<TrendSettings> = {}): TrendSettings => ({ ...DEFAULT_TREND_SETTINGS, ...patch });

describe('[R29] silent several sessions running', () => {
  it('lists a member who attended the last three sessions without speaking, linked to those three', () => {
    const t = trends({ Ana: { marks: 'PPPPP', talk: [90, 30, 0, 0, 0] }, Ben: { marks: 'PPPPP' } });
    expect(silentRuns(t, settings())).toEqual([
      {
        kind: 'silent',
        memberId: 'm-Ana',
        text: 'Ana has not spoken in the last 3 sessions they attended.',
        sessionIds: ['s3', 's4', 's5'],
      },
    ]);
  });

  it('absences neither count nor break the run; a session with talk does', () => {
    const skipping = trends({ Ana: { marks: 'PPAPAP', talk: [60, 0, 0, 0, 0, 0] } });
    expect(silentRuns(skipping, settings())[0]?.sessionIds).toEqual(['s2', 's4', 's6']);
    const broken = trends({ Ana: { marks: 'PPPPP', talk: [0, 0, 5, 0, 0] } });
    expect(silentRuns(broken, settings())).toEqual([]);
  });

  it('fewer attended sessions than the run: nothing; a longer run names every session in it; the run is a setting', () => {
    expect(silentRuns(trends({ Ana: { marks: 'AAPP', talk: [0, 0, 0, 0] } }), settings())).toEqual([]);
    expect(silentRuns(trends({ Ana: { marks: 'PPPP', talk: [0, 0, 0, 0] } }), settings())[0]?.sessionIds).toEqual(['s1', 's2', 's3', 's4']);
    expect(silentRuns(trends({ Ana: { marks: 'PP', talk: [0, 0] } }), settings({ silentRun: 2 }))).toHaveLength(1);
  });

  it('a member never seated, or absent every time, is not silent', () => {
    expect(silentRuns(trends({ Ana: { marks: '-----' }, Ben: { marks: 'AAAAA' } }), settings())).toEqual([]);
  });
});

describe('[R30] late three of the last five', () => {
  it('counts the last five sessions the member was seated in, linked to the late ones', () => {
    const t = trends({ Ana: { marks: 'LLPLPLP' }, Ben: { marks: 'PLLPPLP' } });
    // Ana's last five are P L P L P, Ben's L P P L P: two late each, one short of three.
    expect(lateOften(t, settings())).toEqual([]);
    const late = trends({ Ana: { marks: 'PPLBPL' } });
    expect(lateOften(late, settings())).toEqual([
      { kind: 'late', memberId: 'm-Ana', text: 'Ana was late in 3 of the last 5 sessions.', sessionIds: ['s3', 's4', 's6'] },
    ]);
  });

  it('with fewer sessions than the window, counts over those there are; sessions not seated in are left out', () => {
    expect(lateOften(trends({ Ana: { marks: 'LLL' } }), settings())[0]?.text).toBe('Ana was late in 3 of the last 3 sessions.');
    expect(lateOften(trends({ Ana: { marks: 'LL' } }), settings())).toEqual([]);
    expect(lateOften(trends({ Ana: { marks: 'L--L-L' } }), settings())[0]?.sessionIds).toEqual(['s1', 's4', 's6']);
  });

  it('an absence is not late; the counts are settings', () => {
    expect(lateOften(trends({ Ana: { marks: 'LLAAA' } }), settings())).toEqual([]);
    expect(lateOften(trends({ Ana: { marks: 'PPPLL' } }), settings({ lateCount: 2, lateOf: 3 }))).toHaveLength(1);
  });
});

describe('[R31] a talk share above 30 %', () => {
  it('lists the sessions where the share was strictly above the threshold, with the highest', () => {
    const t = trends({ Ana: { marks: 'PPPP', share: [0.3, 0.31, 0.2, 0.45] }, Ben: { marks: 'PPPP', share: [0.3, 0.3, 0.3, 0.3] } });
    expect(talkShareAbove(t, settings())).toEqual([
      {
        kind: 'talkShare',
        memberId: 'm-Ana',
        text: 'Ana spoke more than 30 % of the talk time in 2 of the last 4 sessions (at most 45 %).',
        sessionIds: ['s2', 's4'],
      },
    ]);
  });

  it('ties: two members over the threshold in one session are both listed, in seat order', () => {
    const t = trends({ Cy: { marks: 'P', share: [0.4] }, Ana: { marks: 'P', share: [0.4] } });
    expect(talkShareAbove(t, settings()).map((l) => l.memberId)).toEqual(['m-Cy', 'm-Ana']);
  });
});

describe('[R32] attendance rate and flags', () => {
  it('lists attendance under the threshold of the sessions seated in, linked to the absences', () => {
    const t = trends({ Ana: { marks: '--PAPAA' }, Ben: { marks: 'PPPAP' } });
    expect(lowAttendance(t, settings())).toEqual([
      { kind: 'attendance', memberId: 'm-Ana', text: 'Ana attended 2 of 5 sessions (40 %).', sessionIds: ['s4', 's6', 's7'] },
    ]);
  });

  it('exactly at the threshold is not under it; never seated is not listed', () => {
    expect(lowAttendance(trends({ Ana: { marks: 'PPPAA' } }), settings())).toEqual([]);
    expect(lowAttendance(trends({ Ana: { marks: '---' } }), settings())).toEqual([]);
  });

  it('lists a member flagged in two or more sessions, with the count of flags', () => {
    const t = trends({ Ana: { marks: 'PPPP', flags: [0, 2, 0, 1] }, Ben: { marks: 'PPPP', flags: [3, 0, 0, 0] } });
    expect(flaggedOften(t, settings())).toEqual([
      { kind: 'flagged', memberId: 'm-Ana', text: 'Ana was flagged in 2 of the last 4 sessions (3 flags).', sessionIds: ['s2', 's4'] },
    ]);
    expect(flaggedOften(t, settings({ flaggedSessions: 1 })).map((l) => l.memberId)).toEqual(['m-Ana', 'm-Ben']);
  });
});

describe('[R33] session-plan adherence', () => {
  it('lists the sessions off their plan by more than the threshold, over or under; exactly at it is not', () => {
    const t = trends({}, [
      { planned: 100, active: 120 },
      { planned: 100, active: 121 },
      { planned: 100, active: 79 },
      { planned: 0, active: 30 },
    ]);
    expect(offPlan(t, settings())).toEqual([
      { kind: 'offPlan', memberId: null, text: '2 of the last 4 sessions ran more than 20 % off their plan.', sessionIds: ['s2', 's3'] },
    ]);
    expect(offPlan(trends({}, [{ planned: 75, active: 75 }]), settings())).toEqual([]);
  });

  it('the whole list goes rule by rule; no sessions, no lines', () => {
    const t = trends({ Ana: { marks: 'LLL', talk: [0, 0, 0] } }, [
      { planned: 60, active: 90 },
      { planned: 60, active: 60 },
      { planned: 60, active: 60 },
    ]);
    expect(worthALook(t, settings()).map((l) => l.kind)).toEqual(['silent', 'late', 'offPlan']);
    expect(worthALook({ sessions: [], members: [] }, settings())).toEqual([]);
  });

  it('thresholds are validated: defaults filled in, a late count above its window refused', () => {
    expect(trendSettingsInputSchema.parse({})).toEqual(DEFAULT_TREND_SETTINGS);
    expect(DEFAULT_TREND_SETTINGS).toMatchObject({ window: 10, silentRun: 3, lateCount: 3, lateOf: 5, talkSharePercent: 30 });
    expect(trendSettingsInputSchema.safeParse({ lateCount: 6, lateOf: 5 }).success).toBe(false);
    expect(trendSettingsInputSchema.safeParse({ window: 2 }).success).toBe(false);
    expect(trendSettingsInputSchema.safeParse({ extra: 1 }).success).toBe(false);
  });
});
