import { describe, expect, it } from 'vitest';
import { clinicTime } from '../../shared/review/clinic-time.js';
import { isLocale } from '../../shared/schemas/clinic.js';
import { againstPlan, durationWords, overOrUnder } from '../../shared/review/durations.js';

/** Durations in words (docs/review.md R22) and times in the clinic's locale and zone (R23). */

describe('[R22] durations read as durations', () => {
  it('writes hours, minutes and seconds in words, leaving out the zero parts', () => {
    expect(durationWords(647_000)).toBe('10 min 47 s');
    expect(durationWords(216_000)).toBe('3 min 36 s');
    expect(durationWords(3_900_000)).toBe('1 h 5 min');
    expect(durationWords(3_607_000)).toBe('1 h 7 s');
    expect(durationWords(7_000)).toBe('7 s');
    expect(durationWords(0)).toBe('0 s');
  });

  it('rounds by the one rule (R19): to the nearest second, half up', () => {
    expect(durationWords(646_500)).toBe('10 min 47 s');
    expect(durationWords(646_499)).toBe('10 min 46 s');
    expect(durationWords(400)).toBe('0 s');
  });

  it('says over or under the plan instead of a minus sign', () => {
    expect(againstPlan(-216_000)).toBe('3 min 36 s under plan');
    expect(againstPlan(7_000)).toBe('7 s over plan');
    expect(againstPlan(-400)).toBe('on plan');
    expect(overOrUnder(-60_000)).toBe('1 min under');
    for (const ms of [-216_000, -1_500, 7_000]) expect(againstPlan(ms)).not.toMatch(/[-:]/);
  });
});

// 2026-03-29: Europe/Berlin moves from +01:00 to +02:00 at 01:00 UTC; 2026-03-08: New York from -05:00 to -04:00 at 07:00 UTC.
const BERLIN_BEFORE = Date.UTC(2026, 2, 29, 0, 5);
const BERLIN_AFTER = Date.UTC(2026, 2, 29, 1, 5);
const NY_BEFORE = Date.UTC(2026, 2, 8, 6, 39);
const NY_AFTER = Date.UTC(2026, 2, 8, 7, 39);
const AFTERNOON = Date.UTC(2026, 10, 27, 13, 39);

describe('[R23] times in the clinic’s locale and time zone', () => {
  it('follows the locale: a 12-hour clock in en-US, 24 hours in en-GB and de-DE, no leading zero where the locale has none', () => {
    const at = (locale: string, ms: number) => clinicTime({ locale, timeZone: 'UTC' }).clock(ms);
    expect(at('en-US', AFTERNOON)).toBe('1:39 PM');
    expect(at('en-GB', AFTERNOON)).toBe('13:39');
    expect(at('de-DE', AFTERNOON)).toBe('13:39');
    const morning = Date.UTC(2026, 10, 27, 9, 5);
    expect(at('en-US', morning)).toBe('9:05 AM');
    expect(at('en-GB', morning)).toBe('9:05');
    expect(at('de-DE', morning)).toBe('9:05');
  });

  it('follows the zone across a change to summer time', () => {
    const berlin = clinicTime({ locale: 'de-DE', timeZone: 'Europe/Berlin' });
    expect([berlin.clock(BERLIN_BEFORE), berlin.clock(BERLIN_AFTER)]).toEqual(['1:05', '3:05']);
    const newYork = clinicTime({ locale: 'en-US', timeZone: 'America/New_York' });
    expect([newYork.clock(NY_BEFORE), newYork.clock(NY_AFTER)]).toEqual(['1:39 AM', '3:39 AM']);
    expect(newYork.clockSeconds(NY_AFTER + 30_000)).toBe('3:39:30 AM');
  });

  it('writes dates in the locale, on the zone’s calendar day', () => {
    const late = Date.UTC(2026, 10, 27, 23, 30); // already the 28th in Berlin
    expect(clinicTime({ locale: 'en-GB', timeZone: 'Europe/Berlin' }).date(late)).toMatch(/^Saturday,? 28 November 2026$/);
    expect(clinicTime({ locale: 'en-US', timeZone: 'UTC' }).shortDate(late)).toBe('Nov 27, 2026');
    expect(clinicTime({ locale: 'de-DE', timeZone: 'Europe/Berlin' }).shortDate(late)).toBe('28.11.2026');
  });

  it('knows a locale from a typo', () => {
    expect(['en-US', 'de-DE', 'fr'].every(isLocale)).toBe(true);
    expect(['english please', '', 'en_US!'].some(isLocale)).toBe(false);
  });
});
