import { describe, expect, it } from 'vitest';
import { clinicTime } from '../../shared/review/clinic-time.js';
import { exportJson, MEMBER_CSV_COLUMNS, membersCsv } from '../../shared/review/exports.js';
import { ANA, BEN, CO, ev, LEAD, opening } from '../machine/helpers.js';
import { parseCsv } from './server-support.js';
import { entries, MIN, of, reviewOf, SEC } from './support.js';

/** The facilitators' own time (issue 16 §9): Ana 3:00, Robin (co) 1:30, Ben 1:00, Dana (lead) 0:30. */
const log = [
  ...opening([ANA, BEN]),
  ev({ type: 'floor.give', memberId: ANA }, 0),
  ev({ type: 'floor.give', facilitator: 'co' }, 180, CO),
  ev({ type: 'queue.add', memberId: BEN }, 200),
  ev({ type: 'floor.next' }, 270),
  ev({ type: 'floor.give', facilitator: 'lead' }, 330, LEAD),
  // Given to the co by mistake and undone at once: no turn counted (P46).
  ev({ type: 'floor.give', facilitator: 'co' }, 360, CO),
  ev({ type: 'floor.undo', facilitator: 'co', toQueueIndex: null }, 362, CO),
  ev({ type: 'session.end' }, 400),
];
const review = reviewOf(log);

describe('facilitator and member talk shares', () => {
  it('[R20] splits the time on the floor between facilitators and members, and gives each facilitator’s own time', () => {
    const split = review.talkSplit;
    expect(split.facilitatorsMs).toBe(2 * MIN);
    expect(split.membersMs).toBe(4 * MIN);
    expect(split.facilitatorsShare).toBeCloseTo(1 / 3);
    expect(split.membersShare).toBeCloseTo(2 / 3);
    expect(split.facilitators).toEqual([
      { role: 'lead', id: LEAD, name: 'Dana', talkMs: 30 * SEC, turns: 1, share: 30 / 360 },
      { role: 'co', id: CO, name: 'Robin', talkMs: 90 * SEC, turns: 1, share: 90 / 360 },
    ]);
  });

  it('[R20] members’ figures stay the members’: shares of their own talk, no facilitator among them', () => {
    expect(review.talk.map((t) => t.memberId)).toEqual([ANA, BEN, 'cleo', 'dev']);
    expect(of(review.talk, ANA)).toMatchObject({ talkMs: 3 * MIN, share: 0.75 });
    expect(of(review.talk, BEN)).toMatchObject({ talkMs: 1 * MIN, share: 0.25 });
    // The log names the facilitator by staff name; the line concerns no member.
    const given = review.lines.find((l) => l.type === 'floor.give' && l.text.includes('Robin'))!;
    expect(given.text).toBe('Robin took the floor (Ana spoke 3 min)');
    expect(given.memberIds).toEqual([ANA]);
  });

  it('[R21] the members CSV adds a row per facilitator, and every row’s share of all time on the floor', () => {
    const rows = parseCsv(membersCsv(review, 'Europe/Berlin', clinicTime({ locale: 'en-GB', timeZone: 'Europe/Berlin' }).clock));
    const byName = Object.fromEntries(rows.slice(1).map((r) => [r[0], Object.fromEntries(MEMBER_CSV_COLUMNS.map((c, i) => [c, r[i]]))]));
    expect(Object.keys(byName)).toEqual(['Ana', 'Ben', 'Cleo', 'Dev', 'Dana', 'Robin']);
    expect(byName.Ana).toMatchObject({ role: 'member', talk_share_percent: '75', floor_share_percent: '50' });
    expect(byName.Robin).toMatchObject({ role: 'co', seat: '', attendance: '', turns: '1', talk_seconds: '90', talk_share_percent: '' });
    expect(byName.Robin!.floor_share_percent).toBe('25');
    expect(byName.Dana).toMatchObject({ role: 'lead', talk_seconds: '30', floor_share_percent: '8.3', spoke: 'yes' });
  });

  it('[R21] the JSON export carries the split among its figures', () => {
    const json = exportJson({
      review,
      log: entries(log),
      record: { lock: null, intact: true, signatures: [], addenda: [] },
      timeZone: 'Europe/Berlin',
      exportedAt: log.at(-1)!.at,
    }) as { figures: { talkSplit: { facilitatorsShare: number; facilitators: { name: string; talkMs: number }[] } } };
    expect(json.figures.talkSplit.facilitatorsShare).toBeCloseTo(1 / 3);
    expect(json.figures.talkSplit.facilitators.map((f) => [f.name, f.talkMs])).toEqual([
      ['Dana', 30 * SEC],
      ['Robin', 90 * SEC],
    ]);
  });
});
