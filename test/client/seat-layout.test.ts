import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { CENTRE_NEEDS, circleLayout, seatsAround, type Size } from '../../client/features/live/seating/seatLayout.js';

const TILE: Size = { width: 124, height: 74 };

describe('seats around the circle', () => {
  test('[L2] the first seat is at the top and the seats go clockwise', () => {
    const seats = seatsAround(4, { width: 600, height: 600 }, TILE)!;
    expect(seats[0]!.left).toBeCloseTo(50);
    expect(seats[0]!.top).toBeLessThan(50);
    expect(seats[1]!.left).toBeGreaterThan(50); // clockwise: the second seat is to the right
    expect(seats[2]!.top).toBeGreaterThan(50);
  });

  test('[L2] eight members fit the circle of a tablet on its side', () => {
    expect(circleLayout(8, { width: 520, height: 480 }, TILE)).not.toBeNull();
  });

  test('[L2] sixteen members do not fit the same box, so they go in rows', () => {
    expect(circleLayout(16, { width: 520, height: 480 }, TILE)).toBeNull();
  });

  test('[L2] a centre too small for its button sends the members to rows', () => {
    const box = { width: 2 * TILE.width + CENTRE_NEEDS.width, height: 2 * TILE.height + 40 };
    expect(seatsAround(3, box, TILE)).not.toBeNull();
    expect(circleLayout(3, box, TILE)).toBeNull();
  });

  test('[L2] whenever a circle is given, no two tiles touch, none touches the centre, and every tile is inside the box', () => {
    const size = fc.record({ width: fc.integer({ min: 100, max: 1400 }), height: fc.integer({ min: 100, max: 1200 }) });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 16 }),
        size,
        fc.record({ width: fc.integer({ min: 60, max: 200 }), height: fc.integer({ min: 40, max: 120 }) }),
        (count, box, tile) => {
          const layout = circleLayout(count, box, tile);
          if (!layout) return;
          const centres = layout.seats.map((s) => ({ x: (s.left / 100) * box.width, y: (s.top / 100) * box.height }));
          for (const c of centres) {
            expect(c.x - tile.width / 2).toBeGreaterThanOrEqual(-1e-6);
            expect(c.x + tile.width / 2).toBeLessThanOrEqual(box.width + 1e-6);
            expect(c.y - tile.height / 2).toBeGreaterThanOrEqual(-1e-6);
            expect(c.y + tile.height / 2).toBeLessThanOrEqual(box.height + 1e-6);
          }
          // The centre, at the middle of the box, touches no tile either.
          for (const c of centres) {
            const besideIt = Math.abs(c.x - box.width / 2) >= layout.centre.width / 2 + tile.width / 2;
            const aboveOrBelow = Math.abs(c.y - box.height / 2) >= layout.centre.height / 2 + tile.height / 2;
            expect(besideIt || aboveOrBelow).toBe(true);
          }
          for (let i = 0; i < centres.length; i++) {
            for (let j = i + 1; j < centres.length; j++) {
              const apart = Math.abs(centres[i]!.x - centres[j]!.x) >= tile.width || Math.abs(centres[i]!.y - centres[j]!.y) >= tile.height;
              expect(apart).toBe(true);
            }
          }
        },
      ),
      { seed: 15, numRuns: 500 },
    );
  });
});
