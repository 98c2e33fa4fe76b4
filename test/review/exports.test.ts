import { describe, expect, it } from 'vitest';
import { acrossSessions } from '../../shared/review/across.js';
import { csvCell, toCsv } from '../../shared/review/csv.js';
import { exportJson, LOG_CSV_COLUMNS, logCsv, MEMBER_CSV_COLUMNS, membersCsv } from '../../shared/review/exports.js';
import { clinicTime } from '../../shared/review/clinic-time.js';
import { memberStubs, redactNames } from '../../shared/review/stubs.js';
import { REVIEW_SCHEMA_VERSION } from '../../shared/review/types.js';
import { offsetMinutes, zonedIso } from '../../shared/review/zone.js';
import { isTimeZone } from '../../shared/schemas/clinic.js';
import { ANA, BEN, CLEO, CO, DEV, ev, opening } from '../machine/helpers.js';
import { parseCsv as parseRows } from './server-support.js';
import { entries, reviewOf, ROSTER } from './support.js';

/** The documentation outputs: CSV, JSON, the member stubs of the print report, the group grid. */

const ZONE = 'Europe/Berlin';
/** Times of day as a clinic in Berlin writes them (R23). */
const CLOCK = clinicTime({ locale: 'de-DE', timeZone: ZONE }).clock;

/** A short session with something of everything, including text that tries to be a formula. */
const log = [
  ...opening([ANA, BEN, CLEO]),
  ev({ type: 'floor.give', memberId: ANA }, 60),
  ev({ type: 'turn.end' }, 180),
  ev({ type: 'flag.raise', kind: 'conflict', memberId: ANA, text: '=HYPERLINK("http://x","Ben and Cleo argued")' }, 200, CO),
  ev({ type: 'note.add', text: 'Cleo said she might not come back.', memberId: CLEO, private: true }, 210),
  ev({ type: 'note.add', text: '+Ana helped Ben, "kindly"', memberId: BEN, private: false }, 220, CO),
  ev({ type: 'floor.give', memberId: BEN }, 230),
  ev({ type: 'session.end' }, 300),
];
const review = reviewOf(log);

/** What a spreadsheet sees: the file starts with a byte-order mark, then the rows. */
function parseCsv(text: string): string[][] {
  expect(text.startsWith('\uFEFF')).toBe(true);
  return parseRows(text);
}

describe('CSV cells', () => {
  it('neutralises text a spreadsheet would run as a formula', () => {
    expect(['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx'].map(csvCell)).toEqual(["'=1+1", "'+1", "'-1", "'@SUM(A1)", "'\tx", '"\'\rx"']);
    expect(csvCell('Sam')).toBe('Sam');
  });

  it('quotes commas, quotes and line breaks; numbers stay numbers, even negative ones', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(null)).toBe('');
    expect(toCsv(['a', 'b'], [[1, 'x']])).toBe('\uFEFFa,b\r\n1,x\r\n');
  });
});

describe('the log CSV', () => {
  const rows = parseCsv(logCsv(review, ZONE));

  it('has one row per log entry, in version order, under its header', () => {
    expect(rows[0]).toEqual([...LOG_CSV_COLUMNS]);
    expect(rows.slice(1).map((r) => Number(r[0]))).toEqual(entries(log).map((e) => e.version));
  });

  it('[R22] carries times as ISO 8601 with the clinic’s offset, and the elapsed time in seconds', () => {
    const start = rows.find((r) => r[5] === 'session.start')!;
    expect(start[1]).toBe(zonedIso(log[0]!.at, ZONE));
    expect(start[1]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+02:00$/);
    expect(start[2]).toBe('0');
    expect(rows.find((r) => r[5] === 'turn.end')![2]).toBe('180');
  });

  it('says what happened in words, names the members, and neutralises formulas', () => {
    const flag = rows.find((r) => r[5] === 'flag.raise')!;
    expect(flag[3]).toBe('Robin');
    expect(flag[7]).toBe('Ana');
    expect(flag[8]).toBe('Robin flagged conflict about Ana: “=HYPERLINK("http://x","Ben and Cleo argued")”');
    const note = rows.find((r) => r[5] === 'note.add' && r[7] === 'Ben')!;
    expect(note[8]).toBe('Robin added a note about Ben: “+Ana helped Ben, "kindly"”');
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('leaves private notes out: the row stays, its text and member go', () => {
    const text = logCsv(review, ZONE);
    expect(text).not.toContain('might not come back');
    const row = rows.find((r) => Number(r[0]) === 8)!;
    expect(row[7]).toBe('');
    expect(row[8]).toBe('Dana added a private note (left out of this record)');
  });
});

describe('the members CSV', () => {
  const rows = parseCsv(membersCsv(review, ZONE, CLOCK));
  const byName = Object.fromEntries(rows.slice(1).map((r) => [r[0], Object.fromEntries(MEMBER_CSV_COLUMNS.map((c, i) => [c, r[i]]))]));

  it('has one row per member with attendance and talk figures', () => {
    expect(rows[0]).toEqual([...MEMBER_CSV_COLUMNS]);
    // Then the facilitators' own time (R21).
    expect(Object.keys(byName)).toEqual(['Ana', 'Ben', 'Cleo', 'Dev', 'Dana', 'Robin']);
    expect(byName.Ana).toMatchObject({
      attendance: 'Present',
      turns: '1',
      talk_seconds: '120',
      talk_share_percent: '63.2',
      spoke: 'yes',
      flags: '1',
    });
    expect(byName.Ben).toMatchObject({ turns: '1', talk_seconds: '70', talk_share_percent: '36.8', notes: '1' });
    expect(byName.Cleo).toMatchObject({ turns: '0', talk_seconds: '0', spoke: 'no' });
    expect(byName.Dev).toMatchObject({ attendance: 'Absent', time_present_seconds: '0' });
  });

  it('does not count a private note', () => {
    expect(byName.Cleo!.notes).toBe('0');
  });
});

describe('the JSON export', () => {
  const record = { lock: null, intact: null, signatures: [], addenda: [] };
  const json = exportJson({ review, log: entries(log), record, timeZone: ZONE, exportedAt: log.at(-1)!.at });
  const text = JSON.stringify(json);
  const data = JSON.parse(text);

  it('has a schema version, the full log as stored, and the figures', () => {
    expect(data.schemaVersion).toBe(REVIEW_SCHEMA_VERSION);
    expect(data.log).toHaveLength(log.length);
    expect(data.log[0].event).toEqual({ ...log[0] });
    expect(data.figures.talk.find((t: { memberId: string }) => t.memberId === ANA).talkMs).toBe(120_000);
    expect(data.figures.phases[0]).toMatchObject({ phase: 'introduction', actualMs: 300_000 });
  });

  it('writes every instant as ISO 8601 with the offset, to the millisecond', () => {
    expect(data.log[0].at).toBe(zonedIso(log[0]!.at, ZONE, true));
    expect(data.figures.session.startedAt).toMatch(/T\d\d:\d\d:\d\d\.\d{3}\+02:00$/);
    expect(data.figures.flags[0].at).toMatch(/\+02:00$/);
    expect(data.exportedAt).toMatch(/\+02:00$/);
  });

  it('leaves private notes out of the figures, the lines and the log', () => {
    expect(text).not.toContain('might not come back');
    expect(data.figures.notes).toHaveLength(1);
    expect(data.log[7].event).toEqual({ type: 'note.add', private: true, at: log[7]!.at, actor: log[7]!.actor, id: log[7]!.id });
  });
});

describe('member stubs for the print report', () => {
  const stubs = memberStubs(review, CLOCK);

  it('one per member, with attendance, time present, turns and talk time', () => {
    expect(stubs.map((s) => s.name)).toEqual(['Ana', 'Ben', 'Cleo', 'Dev']);
    expect(stubs[0]!.lines).toEqual([
      'Attendance: Present.',
      'Time present: 5 min of 5 min.',
      "Spoke in 1 turn: 2 min in all, longest 2 min (63% of the group's talk time).",
      expect.stringMatching(
        /^Flag — Conflict, \d?\d:\d\d \(Introduction\), by Robin: “=HYPERLINK\("http:\/\/x","another member and another member argued"\)”$/,
      ),
    ]);
    expect(stubs[3]!.lines).toEqual(['Attendance: Absent.']);
  });

  it('never names another member, and never shows a private note', () => {
    for (const stub of stubs) {
      const text = stub.lines.join('\n');
      for (const other of ROSTER.filter((m) => m.id !== stub.memberId)) expect(text).not.toMatch(new RegExp(`\\b${other.name}\\b`));
    }
    expect(stubs[2]!.lines.join(' ')).not.toContain('might not come back');
  });

  it('redacts whole names only, in any case', () => {
    expect(redactNames('ANA and Anabel met Jo. jo!', ['Ana', 'Jo'])).toBe('another member and Anabel met another member. another member!');
  });
});

describe('across sessions of a group', () => {
  const week1 = reviewOf(log);
  const week2Log = [...opening([ANA, DEV]), ev({ type: 'floor.give', memberId: DEV }, 0), ev({ type: 'session.end' }, 90)].map((e) => ({
    ...e,
    at: e.at + 7 * 86_400_000,
  })) as typeof log;
  const week2 = { ...reviewOf(week2Log), sessionId: 's-2' };
  const grid = acrossSessions([week2, week1], ROSTER);

  it('puts sessions oldest first and a member per row with attendance and talk time', () => {
    expect(grid.sessions.map((s) => s.sessionId)).toEqual(['s-1', 's-2']);
    const row = (id: string) => grid.members.find((m) => m.memberId === id)!;
    expect(row(BEN).cells.map((c) => c.status)).toEqual(['present', 'absent']);
    expect(row(DEV).cells.map((c) => [c.status, c.talkMs])).toEqual([
      ['absent', 0],
      ['present', 90_000],
    ]);
    expect(row(ANA)).toMatchObject({ attended: 2, seated: 2 });
    expect(row(CLEO)).toMatchObject({ attended: 1, seated: 2 });
  });
});

describe('the clinic’s time zone', () => {
  it('gives the offset in force at each instant, across a daylight-saving change', () => {
    expect(zonedIso(Date.UTC(2026, 2, 8, 6, 59, 59), 'America/New_York')).toBe('2026-03-08T01:59:59-05:00');
    expect(zonedIso(Date.UTC(2026, 2, 8, 7, 0, 0), 'America/New_York')).toBe('2026-03-08T03:00:00-04:00');
    expect(offsetMinutes(Date.UTC(2026, 0, 1), 'Asia/Kolkata')).toBe(330);
    expect(zonedIso(Date.UTC(2026, 10, 27, 9, 0, 0, 250), 'UTC', true)).toBe('2026-11-27T09:00:00.250+00:00');
  });

  it('knows a zone from a typo', () => {
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
});
