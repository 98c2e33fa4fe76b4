import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bestEstimate, estimateFromSample, type ClockSample } from '../../shared/clock.js';

/**
 * A simulated network: true time is the server's clock; the client's clock is `skewMs` off it.
 * A ping leaves at true time `t`, takes `upMs` to reach the server and `downMs` to come back.
 */
function ping(t: number, skewMs: number, upMs: number, downMs: number): ClockSample {
  return { sentAt: t + skewMs, serverNow: t + upMs, receivedAt: t + upMs + downMs + skewMs };
}

const MINUTE = 60_000;

describe('clock offset (NTP-style)', () => {
  it('has no estimate before any answer has come back', () => {
    expect(bestEstimate([])).toBeNull();
  });

  it('trusts the sample with the lowest round trip', () => {
    const samples = [ping(1_000, 0, 40, 40), ping(2_000, 0, 5, 12), ping(3_000, 0, 300, 10), ping(4_000, 0, 30, 30)];
    expect(bestEstimate(samples)).toEqual({ roundTripMs: 17, offsetMs: estimateFromSample(samples[1]!).offsetMs });
    expect(bestEstimate([...samples].reverse())?.roundTripMs).toBe(17);
  });

  it.each([
    ['7 minutes behind', -7 * MINUTE],
    ['3 minutes ahead', 3 * MINUTE],
    ['right on time', 0],
    ['an hour and a bit ahead (a tablet still on another time zone setting)', 61 * MINUTE + 1234],
  ])('finds the offset of a tablet whose clock is %s, with symmetric delays', (_, skewMs) => {
    const samples = [ping(1_700_000_000_000, skewMs, 80, 80), ping(1_700_000_001_000, skewMs, 25, 25)];
    const estimate = bestEstimate(samples)!;
    expect(estimate.offsetMs + skewMs).toBe(0); // the offset cancels the skew exactly
    expect(estimate.roundTripMs).toBe(50);
    // The server's time as the tablet now reckons it: its own clock plus the offset.
    const trueNow = 1_700_000_005_000;
    expect(trueNow + skewMs + estimate.offsetMs).toBe(trueNow);
  });

  it('is never further off than half the round trip, however lopsided the delays', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -3_600_000, max: 3_600_000 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 2_000 }), fc.integer({ min: 0, max: 2_000 })), { minLength: 1, maxLength: 8 }),
        (skewMs, delays) => {
          const samples = delays.map(([up, down], i) => ping(1_700_000_000_000 + i * 1000, skewMs, up, down));
          const estimate = bestEstimate(samples)!;
          expect(estimate.roundTripMs).toBe(Math.min(...delays.map(([up, down]) => up + down)));
          expect(Math.abs(estimate.offsetMs + skewMs)).toBeLessThanOrEqual(estimate.roundTripMs / 2);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('two screens with clocks minutes apart agree on the server time', () => {
    const lead = bestEstimate([ping(1_000_000, -4 * MINUTE, 30, 30)])!;
    const co = bestEstimate([ping(1_000_500, 2 * MINUTE, 70, 70)])!;
    const trueNow = 2_000_000;
    expect(trueNow - 4 * MINUTE + lead.offsetMs).toBe(trueNow + 2 * MINUTE + co.offsetMs);
  });

  it('a client clock that stepped back during the ping gives no negative round trip', () => {
    expect(estimateFromSample({ sentAt: 10_000, serverNow: 50_000, receivedAt: 9_000 })).toEqual({ roundTripMs: 0, offsetMs: 40_000 });
  });
});
