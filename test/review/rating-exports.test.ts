import { describe, expect, it } from 'vitest';
import { exportJson } from '../../shared/review/exports.js';
import { ratingsCsv } from '../../shared/review/rating-exports.js';
import { ratingChart, ratingRows, scoreWords } from '../../shared/review/ratings.js';
import { REVIEW_SCHEMA_VERSION } from '../../shared/review/types.js';
import { DEFAULT_RATING_ITEMS } from '../../shared/schemas/rating-scale.js';
import type { SessionRatings } from '../../shared/schemas/ratings.js';
import { instant } from '../../shared/time.js';
import { ANA, BEN, CLEO, ev, opening } from '../machine/helpers.js';
import { parseCsv } from './server-support.js';
import { entries, reviewOf } from './support.js';

/**
 * A session's ratings as the review shows and exports them (docs/review.md §Ratings, R34, R39,
 * R40): the table and the chart's figures, the JSON's `ratings` and the ratings CSV, on a
 * hand-built session where Ben left an item out and Cleo's comment tries to be a formula.
 */
const AT = Date.UTC(2026, 10, 27, 9, 30);
const rated = (memberId: string, memberName: string, scores: Record<string, number>, comment = '', submissions = 1) => ({
  sessionId: 's-1',
  memberId,
  memberName,
  scores,
  comment,
  submittedAt: instant(AT),
  submissions,
  via: 'phone' as const,
});
const RATINGS: SessionRatings = {
  items: DEFAULT_RATING_ITEMS,
  ratings: [
    rated(ANA, 'Ana', { belonging: 8, mattered: 7, approach: 9, overall: 8 }, 'Good to be back.', 2),
    rated(BEN, 'Ben', { belonging: 3, approach: 4, overall: 4 }),
    rated(CLEO, 'Cleo', { belonging: 6, mattered: 6, approach: 6, overall: 7 }, '=SUM(A1) felt, rushed'),
  ],
};

describe('[R34] the session’s ratings as a table and a chart', () => {
  it('a row per member in the given order, a score per item asked (null where left out), the overall and the comment', () => {
    const rows = ratingRows(RATINGS);
    expect(rows.map((r) => [r.name, r.scores, r.overall, r.comment, r.submissions])).toEqual([
      ['Ana', [8, 7, 9, 8], 8, 'Good to be back.', 2],
      ['Ben', [3, null, 4, 4], 4, '', 1],
      ['Cleo', [6, 6, 6, 7], 7, '=SUM(A1) felt, rushed', 1],
    ]);
  });

  it('per item, each member’s score and the mean of those who scored it, to a tenth', () => {
    const chart = ratingChart(RATINGS);
    expect(chart.map((c) => [c.itemId, c.label, c.mean])).toEqual([
      ['belonging', 'I felt part of the group today', 5.7],
      ['mattered', 'We worked on what mattered to me', 6.5],
      ['approach', 'The way we worked suited me', 6.3],
      ['overall', "Overall, today's group was right for me", 6.3],
    ]);
    expect(chart[1]!.bars.map((b) => [b.name, b.score])).toEqual([
      ['Ana', 7],
      ['Ben', null],
      ['Cleo', 6],
    ]);
    expect([scoreWords(7), scoreWords(6.25), scoreWords(null)]).toEqual(['7', '6.3', 'not rated']);
  });

  it('no ratings in a session that asked: no rows, and each item’s mean is null', () => {
    const none = { items: DEFAULT_RATING_ITEMS, ratings: [] };
    expect(ratingRows(none)).toEqual([]);
    expect(ratingChart(none).map((c) => c.mean)).toEqual([null, null, null, null]);
  });
});

describe('[R39] the JSON export carries the items asked and each rating', () => {
  const log = [...opening([ANA, BEN, CLEO]), ev({ type: 'session.end' }, 300)];
  const input = { review: reviewOf(log), log: entries(log), record: { lock: null, intact: null, signatures: [], addenda: [] } };
  const json = (ratings: SessionRatings | null) =>
    JSON.parse(JSON.stringify(exportJson({ ...input, timeZone: 'Europe/Berlin', exportedAt: AT, ratings }))) as {
      schemaVersion: number;
      ratings: { items: unknown[]; ratings: Record<string, unknown>[] } | null;
    };

  it('schema version 2: items by id and label, scores by item id, comment, time with the offset, submissions and via', () => {
    const data = json(RATINGS);
    expect(REVIEW_SCHEMA_VERSION).toBe(2);
    expect(data.schemaVersion).toBe(2);
    expect(data.ratings!.items).toEqual(DEFAULT_RATING_ITEMS.map(({ id, label }) => ({ id, label })));
    expect(data.ratings!.ratings[1]).toEqual({
      memberId: BEN,
      member: 'Ben',
      scores: { belonging: 3, approach: 4, overall: 4 },
      overall: 4,
      comment: '',
      submittedAt: '2026-11-27T10:30:00.000+01:00',
      submissions: 1,
      via: 'phone',
    });
  });

  it('a session that collected none has `ratings: null`', () => {
    expect(json(null).ratings).toBeNull();
  });
});

describe('[R40] the ratings CSV: the items as columns', () => {
  it('headed by the items’ labels between the member and the overall; a left-out score is an empty cell; formulas neutralised', () => {
    const rows = parseCsv(ratingsCsv(RATINGS, 'Europe/Berlin'));
    expect(rows[0]).toEqual([
      'member',
      ...DEFAULT_RATING_ITEMS.map((i) => i.label),
      'overall',
      'comment',
      'submitted',
      'submissions',
      'via',
    ]);
    expect(rows[1]).toEqual(['Ana', '8', '7', '9', '8', '8', 'Good to be back.', '2026-11-27T10:30:00+01:00', '2', 'phone']);
    expect(rows[2]!.slice(0, 6)).toEqual(['Ben', '3', '', '4', '4', '4']);
    expect(rows[3]![6]).toBe("'=SUM(A1) felt, rushed");
  });

  it('a session that collected none: the header alone', () => {
    expect(parseCsv(ratingsCsv(null, 'UTC'))).toEqual([['member', 'overall', 'comment', 'submitted', 'submissions', 'via']]);
  });
});
