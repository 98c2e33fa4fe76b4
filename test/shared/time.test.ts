import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { duration, elapsedOf, formatClock, instant, minutes, pauseWatch, resumeWatch, seconds, startWatch } from '../../shared/time.js';

describe('formatClock', () => {
  it.each([
    [0, '0:00'],
    [999, '0:00'],
    [1_000, '0:01'],
    [65_000, '1:05'],
    [59 * 60_000 + 59_999, '59:59'],
    [3_600_000, '1:00:00'],
    [3_661_000, '1:01:01'],
    [10 * 3_600_000 + 5_000, '10:00:05'],
    [-65_000, '-1:05'],
    [-3_600_000, '-1:00:00'],
  ])('%i ms reads %s', (ms, text) => {
    expect(formatClock(ms)).toBe(text);
  });

  it('overtime reads as the same digits with a minus', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1_000, max: 10 * 3_600_000 }), (ms) => {
        expect(formatClock(-ms)).toBe(`-${formatClock(ms)}`);
      }),
    );
  });
});

describe('stopwatch', () => {
  const t = (sec: number) => instant(1_000_000 + sec * 1000);

  it('runs from its start and stands still while paused', () => {
    const paused = pauseWatch(startWatch(t(0)), t(30));
    expect(elapsedOf(startWatch(t(0)), t(30))).toBe(30_000);
    expect(elapsedOf(paused, t(30))).toBe(30_000);
    expect(elapsedOf(paused, t(500))).toBe(30_000);
    expect(elapsedOf(resumeWatch(paused, t(90)), t(100))).toBe(40_000);
  });

  it('a second pause keeps the first (pressing "Pause" twice loses no time)', () => {
    const once = pauseWatch(startWatch(t(0)), t(30));
    const twice = pauseWatch(once, t(45));
    expect(twice).toBe(once);
    expect(elapsedOf(resumeWatch(twice, t(60)), t(70))).toBe(40_000);
  });

  it('a second resume changes nothing (the pause is not counted twice)', () => {
    const resumed = resumeWatch(pauseWatch(startWatch(t(0)), t(30)), t(60));
    expect(resumeWatch(resumed, t(90))).toBe(resumed);
    expect(resumed.pausedMs).toBe(30_000);
    const running = startWatch(t(0));
    expect(resumeWatch(running, t(10))).toBe(running);
  });

  it('a resume stamped before its pause counts no negative pause', () => {
    const watch = resumeWatch(pauseWatch(startWatch(t(0)), t(30)), t(20));
    expect(watch.pausedMs).toBe(0);
    expect(elapsedOf(watch, t(40))).toBe(40_000);
  });

  it('never reads negative, even asked about a time before it started', () => {
    expect(elapsedOf(startWatch(t(100)), t(0))).toBe(0);
  });

  it('counts exactly the running time, whatever the pauses and resumes', () => {
    const action = fc.record({ pause: fc.boolean(), gapMs: fc.integer({ min: 0, max: 600_000 }) });
    fc.assert(
      fc.property(fc.array(action, { maxLength: 30 }), fc.integer({ min: 0, max: 600_000 }), (actions, tailMs) => {
        let now = 0;
        let watch = startWatch(instant(now));
        let running = true;
        let expected = 0;
        for (const { pause, gapMs } of actions) {
          if (running) expected += gapMs;
          now += gapMs;
          watch = pause ? pauseWatch(watch, instant(now)) : resumeWatch(watch, instant(now));
          running = !pause;
        }
        if (running) expected += tailMs;
        expect(elapsedOf(watch, instant(now + tailMs))).toBe(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('speaks in milliseconds', () => {
    expect([minutes(2), seconds(90), duration(5)]).toEqual([120_000, 90_000, 5]);
  });
});
