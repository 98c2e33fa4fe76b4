import { describe, expect, it } from 'vitest';
import { ratingDropped, ratingLowRuns, worthALook } from '../../shared/review/worth-a-look.js';
import { trendsOf, type TrendInput, type TrendRatings } from '../../shared/review/trends.js';
import { DEFAULT_RATING_ITEMS, type RatingItem, type Scores } from '../../shared/schemas/rating-scale.js';
import { DEFAULT_TREND_SETTINGS, type TrendSettings } from '../../shared/schemas/trends.js';
import { duration, instant } from '../../shared/time.js';
import { fourScores } from '../support/ratings.js';

/**
 * Member voice over the group's sessions (docs/review.md §Ratings across sessions, R36–R38): each
 * member's rating series, and the two worth-a-look rules over it, on hand-built sessions run
 * through `trendsOf` as the trends route does. A session is its items asked (or none) and each
 * member's scores; a member missing from it did not rate.
 */
const ITEMS = DEFAULT_RATING_ITEMS;
const ROSTER = [
  { id: 'm-Ana', name: 'Ana', seat: 0 },
  { id: 'm-Ben', name: 'Ben', seat: 1 },
];

const all = fourScores;

function inputs(sessions: { items?: readonly RatingItem[] | null; scores?: Record<string, Scores> }[]): TrendInput[] {
  return sessions.map((s, i) => {
    const ratings: TrendRatings | null = s.items === null ? null : { items: s.items ?? ITEMS, scores: s.scores ?? {} };
    return {
      sessionId: `s${i + 1}`,
      session: {
        status: 'ended',
        startedAt: instant(1_800_000_000_000 + i * 604_800_000),
        activeMs: duration(600_000),
        plannedMs: duration(600_000),
      },
      attendance: [],
      talk: [],
      flags: [],
      ratings,
    };
  });
}
const trends = (sessions: Parameters<typeof inputs>[0]) => trendsOf(inputs(sessions), ROSTER, 10);
const settings = (patch: Partial<TrendSettings> = {}): TrendSettings => ({ ...DEFAULT_TREND_SETTINGS, ...patch });

describe('[R36] each member’s rating across sessions', () => {
  it('holds each session’s items and each member’s scores by item id with the overall figure; null where nothing was rated', () => {
    const t = trends([{ scores: { 'm-Ana': all(6, 7, 8, 9) } }, { items: null }, { scores: {} }]);
    expect(t.sessions.map((s) => s.ratingItems?.length ?? null)).toEqual([4, null, 4]);
    expect(t.members[0]!.cells.map((c) => c.rating)).toEqual([{ scores: all(6, 7, 8, 9), overall: 9 }, null, null]);
    expect(t.members[1]!.cells.map((c) => c.rating)).toEqual([null, null, null]);
  });

  it('without an overall item the overall figure is the mean of the items asked, to a tenth', () => {
    const items = [
      { id: 'belonging', label: 'I belonged' },
      { id: 'safe', label: 'I felt safe' },
      { id: 'heard', label: 'I was heard' },
    ];
    const t = trends([{ items, scores: { 'm-Ana': { belonging: 7, safe: 7, heard: 8 } } }]);
    expect(t.members[0]!.cells[0]!.rating?.overall).toBe(7.3);
  });
});

describe('[R37] the overall rating dropped by the threshold or more', () => {
  it('compares the latest rated session with the one rated before it, linked to both', () => {
    const t = trends([
      { scores: { 'm-Ana': all(8, 8, 8, 9), 'm-Ben': all(7, 7, 7, 7) } },
      { scores: { 'm-Ana': all(6, 6, 6, 5), 'm-Ben': all(6, 6, 6, 5) } },
    ]);
    expect(ratingDropped(t, settings())).toEqual([
      { kind: 'ratingDrop', memberId: 'm-Ana', text: "Ana's overall rating dropped 4 points, from 9 to 5.", sessionIds: ['s1', 's2'] },
    ]);
  });

  it('exactly the threshold counts, one point less does not; the threshold is a setting', () => {
    const t = trends([{ scores: { 'm-Ana': all(5, 5, 5, 8) } }, { scores: { 'm-Ana': all(5, 5, 5, 5) } }]);
    expect(ratingDropped(t, settings())).toHaveLength(1);
    expect(ratingDropped(t, settings({ ratingDrop: 4 }))).toEqual([]);
    expect(ratingDropped(t, settings({ ratingDrop: 1 }))[0]?.text).toBe("Ana's overall rating dropped 3 points, from 8 to 5.");
  });

  it('sessions the member did not rate, or that collected nothing, are skipped; an older drop does not count', () => {
    const skipping = trends([
      { scores: { 'm-Ana': all(9, 9, 9, 9) } },
      { items: null },
      { scores: { 'm-Ben': all(5, 5, 5, 5) } },
      { scores: { 'm-Ana': all(2, 2, 2, 2) } },
    ]);
    expect(ratingDropped(skipping, settings()).map((l) => l.sessionIds)).toEqual([['s1', 's4']]);
    const recovered = trends([
      { scores: { 'm-Ana': all(9, 9, 9, 9) } },
      { scores: { 'm-Ana': all(2, 2, 2, 2) } },
      { scores: { 'm-Ana': all(3, 3, 3, 3) } },
    ]);
    expect(ratingDropped(recovered, settings())).toEqual([]);
  });

  it('no ratings, or one rated session only: nothing', () => {
    expect(ratingDropped(trends([{ items: null }, { items: null }]), settings())).toEqual([]);
    expect(ratingDropped(trends([{ scores: { 'm-Ana': all(9, 9, 9, 9) } }, { scores: {} }]), settings())).toEqual([]);
    expect(ratingDropped(trends([]), settings())).toEqual([]);
  });

  it('means compare to a tenth: 7.3 to 4.3 is a drop of 3, written with its decimals', () => {
    const items = [
      { id: 'a', label: 'A' },
      { id: 'b', label: 'B' },
      { id: 'c', label: 'C' },
    ];
    const t = trends([
      { items, scores: { 'm-Ana': { a: 7, b: 7, c: 8 } } },
      { items, scores: { 'm-Ana': { a: 4, b: 4, c: 5 } } },
    ]);
    expect(ratingDropped(t, settings())[0]?.text).toBe("Ana's overall rating dropped 3 points, from 7.3 to 4.3.");
    const half = trends([
      { items, scores: { 'm-Ana': { a: 8, b: 8, c: 8 } } },
      { items, scores: { 'm-Ana': { a: 5, b: 6, c: 5 } } },
    ]);
    expect(ratingDropped(half, settings())).toEqual([]);
  });
});

describe('[R38] an item below the threshold several rated sessions running', () => {
  it('names the item by the label the latest session asked, linked to the run', () => {
    const renamed = [{ id: 'belonging', label: 'I felt part of this group' }, ...ITEMS.slice(1)];
    const t = trends([
      { scores: { 'm-Ana': all(7, 8, 8, 8) } },
      { scores: { 'm-Ana': all(4, 8, 8, 8) } },
      { items: renamed, scores: { 'm-Ana': all(3, 8, 8, 8), 'm-Ben': all(2, 9, 9, 9) } },
    ]);
    expect(ratingLowRuns(t, settings())).toEqual([
      {
        kind: 'ratingLow',
        memberId: 'm-Ana',
        text: 'Ana rated “I felt part of this group” below 5 in the last 2 sessions they rated.',
        sessionIds: ['s2', 's3'],
      },
    ]);
  });

  it('exactly at the threshold is not below it; the threshold and the run are settings', () => {
    const t = trends([{ scores: { 'm-Ana': all(5, 4, 8, 8) } }, { scores: { 'm-Ana': all(4, 5, 8, 8) } }]);
    expect(ratingLowRuns(t, settings())).toEqual([]);
    expect(ratingLowRuns(t, settings({ ratingLow: 6 })).map((l) => l.text)).toEqual([
      'Ana rated “I felt part of the group today” below 6 in the last 2 sessions they rated.',
      'Ana rated “We worked on what mattered to me” below 6 in the last 2 sessions they rated.',
    ]);
    expect(ratingLowRuns(t, settings({ ratingLowRun: 1 })).map((l) => [l.text, l.sessionIds])).toEqual([
      ['Ana rated “I felt part of the group today” below 5 in the last session they rated.', ['s2']],
    ]);
  });

  it('sessions not rated are skipped; a rated session that did not ask the item ends the run', () => {
    const skipping = trends([
      { scores: { 'm-Ana': all(2, 8, 8, 8) } },
      { items: null },
      { scores: {} },
      { scores: { 'm-Ana': all(3, 8, 8, 8) } },
    ]);
    expect(ratingLowRuns(skipping, settings())[0]?.sessionIds).toEqual(['s1', 's4']);
    const notAsked = [
      { id: 'mattered', label: 'We worked on what mattered to me' },
      { id: 'overall', label: 'Overall, right for me' },
    ];
    const t = trends([
      { scores: { 'm-Ana': all(2, 8, 8, 8) } },
      { items: notAsked, scores: { 'm-Ana': { mattered: 8, overall: 8 } } },
      { scores: { 'm-Ana': all(2, 8, 8, 8) } },
    ]);
    expect(ratingLowRuns(t, settings())).toEqual([]);
  });

  it('an item only an older session asked is not looked at; no ratings, no lines', () => {
    const older = [{ id: 'gone', label: 'An old item' }, ...ITEMS.slice(1)];
    const t = trends([
      { items: older, scores: { 'm-Ana': { gone: 1, mattered: 8, approach: 8, overall: 8 } } },
      { items: older, scores: { 'm-Ana': { gone: 1, mattered: 8, approach: 8, overall: 8 } } },
      { scores: { 'm-Ana': all(8, 8, 8, 8) } },
    ]);
    expect(ratingLowRuns(t, settings())).toEqual([]);
    expect(ratingLowRuns(trends([{ items: null }]), settings())).toEqual([]);
  });

  it('the whole list puts the rating lines after the flags and before the plan, member by member', () => {
    const t = trends([{ scores: { 'm-Ana': all(1, 8, 8, 9), 'm-Ben': all(8, 8, 8, 8) } }, { scores: { 'm-Ana': all(1, 8, 8, 2) } }]);
    expect(worthALook(t, settings()).map((l) => [l.kind, l.memberId])).toEqual([
      ['ratingDrop', 'm-Ana'],
      ['ratingLow', 'm-Ana'],
    ]);
  });
});
