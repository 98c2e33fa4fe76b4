import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dur } from '../../client/features/review/format.js';
import { exportJson, membersCsv } from '../../shared/review/exports.js';
import { memberFacts } from '../../shared/review/progress-notes.js';
import { clinicTime } from '../../shared/review/clinic-time.js';
import { durationWords } from '../../shared/review/durations.js';
import { wholeSeconds } from '../../shared/review/rounding.js';
import { memberStubs } from '../../shared/review/stubs.js';
import { reviewSummary, sharePercent } from '../../shared/review/summary.js';
import type { SessionEvent } from '../../shared/session/events.js';
import { instant } from '../../shared/time.js';
import { ANA, BEN, CLEO, ev, opening, T0 } from '../machine/helpers.js';
import { parseCsv } from './server-support.js';
import { NAMES as names, reviewOf } from './support.js';

/** One rounding rule (docs/review.md §Rounding, R19): page, CSV, JSON, print and notes agree to the second. */

/** `1 h 2 min 3 s` (a duration in words, R22) back to seconds. */
const seconds = (words: string) =>
  [...words.matchAll(/(\d+) (h|min|s)\b/g)].reduce((sum, [, n, unit]) => sum + Number(n) * { h: 3600, min: 60, s: 1 }[unit!]!, 0);
const CLOCK = clinicTime({ locale: 'en-US', timeZone: 'UTC' }).clock;
/** An event at `ms` after the start, to the millisecond. */
const atMs = (event: SessionEvent, ms: number): SessionEvent => ({ ...event, at: instant(T0 + ms) });

describe('[R19] [R25] one rounding rule', () => {
  it('rounds to the nearest second, half up, keeping the sign and never writing -0 s', () => {
    expect([499, 500, 105_600, 647_500, -499, -1_500].map(wholeSeconds)).toEqual([0, 1, 106, 648, 0, -2]);
    expect(durationWords(105_600)).toBe('1 min 46 s');
    expect(durationWords(-400)).toBe('0 s');
  });

  it('the page, the member CSV, the JSON, the printed stub and the progress note give the same seconds', () => {
    const turn = fc.record({ talk: fc.integer({ min: 1, max: 900_000 }), gap: fc.integer({ min: 0, max: 5_000 }) });
    fc.assert(
      fc.property(fc.array(turn, { minLength: 1, maxLength: 6 }), fc.integer({ min: 0, max: 120_000 }), (turns, tail) => {
        const members = [ANA, BEN, CLEO];
        const events = [...opening(members)];
        let t = 0;
        turns.forEach(({ talk, gap }, i) => {
          t += gap;
          events.push(atMs(ev({ type: 'floor.give', memberId: members[i % 3]! }), t));
          t += talk;
          events.push(atMs(ev({ type: 'turn.end' }), t));
        });
        events.push(atMs(ev({ type: 'session.end' }), t + tail));
        const review = reviewOf(events);

        const [header, ...rows] = parseCsv(membersCsv(review, 'UTC', CLOCK));
        // The JSON file as a reader parses it.
        const json = JSON.parse(
          JSON.stringify(
            exportJson({
              review,
              log: [],
              record: { lock: null, intact: null, signatures: [], addenda: [] },
              timeZone: 'UTC',
              exportedAt: instant(T0),
              notice: null,
            }),
          ),
        ) as { figures: { talk: { memberId: string; talkMs: number }[] } };
        const stubs = memberStubs(review, CLOCK);
        const facts = memberFacts(review, CLOCK);
        const summary = reviewSummary(review);
        for (const [i, id] of members.entries()) {
          const csv = Object.fromEntries(header!.map((c, k) => [c, Number(rows[i]![k])]));
          const talk = review.talk.find((x) => x.memberId === id)!;
          const present = review.attendance.find((x) => x.memberId === id)!.presentMs;
          const jsonTalk = json.figures.talk.find((x) => x.memberId === id)!.talkMs;
          // Page and JSON to the CSV's seconds.
          expect(seconds(dur(talk.talkMs))).toBe(csv.talk_seconds);
          expect(seconds(dur(present))).toBe(csv.time_present_seconds);
          expect(wholeSeconds(jsonTalk)).toBe(csv.talk_seconds);
          // The printed stub and the progress note write what the page writes.
          const stub = stubs[i]!.lines.join(' ');
          expect(stub).toContain(`Time present: ${dur(present)} of`);
          if (talk.turns > 0) {
            expect(stub).toContain(`: ${dur(talk.talkMs)} in all`);
            expect(facts[i]!.facts.join(' ')).toContain(`, ${dur(talk.talkMs)} in all (`);
          }
          expect(facts[i]!.facts.join(' ')).toContain(`In the room ${dur(present)}, `);
          // The summary's share of whoever it names is the page's share.
          if (talk.turns > 0 && summary.includes(`${names[id]} spoke most (`)) {
            expect(summary).toContain(`${names[id]} spoke most (${sharePercent(talk.share)} %`);
          }
        }
        // The summary's difference to the plan is the page's, in the page's words.
        expect(summary).toMatch(new RegExp(`^Ran (to plan|${durationWords(review.session.differenceMs)} (over|under) plan);`));
        expect(seconds(summary.split(';')[0]!)).toBe(Math.abs(wholeSeconds(review.session.differenceMs)));
      }),
      { numRuns: 200 },
    );
  });
});
