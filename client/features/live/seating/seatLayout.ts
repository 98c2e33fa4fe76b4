/** A box in CSS pixels. */
export interface Size {
  width: number;
  height: number;
}

/** A seat's centre, as percentages of the circle's box. */
export interface SeatPosition {
  left: number;
  top: number;
}

/** Room left between two tiles, so a thumb meant for one never lands on its neighbour. */
const GAP_PX = 8;

/**
 * Seats around an ellipse that fills `box`, starting at the top and going clockwise, as the
 * group sits; or null when `count` tiles of `tile` size cannot go round it without two of them
 * overlapping or one leaving the box (a crowded circle on a narrow screen), and the caller shows
 * the members in rows instead. Pure, so the rule is tested without a browser.
 */
export function seatsAround(count: number, box: Size, tile: Size): SeatPosition[] | null {
  if (count === 0) return [];
  const radiusX = (box.width - tile.width) / 2;
  const radiusY = (box.height - tile.height) / 2;
  if (radiusX <= 0 || radiusY <= 0) return null;
  const centres = Array.from({ length: count }, (_, index) => {
    const angle = -Math.PI / 2 + (index * 2 * Math.PI) / count;
    return { x: box.width / 2 + radiusX * Math.cos(angle), y: box.height / 2 + radiusY * Math.sin(angle) };
  });
  for (let i = 0; i < count; i++) {
    for (let j = i + 1; j < count; j++) {
      const a = centres[i]!;
      const b = centres[j]!;
      const apart = Math.abs(a.x - b.x) >= tile.width + GAP_PX || Math.abs(a.y - b.y) >= tile.height + GAP_PX;
      if (!apart) return null;
    }
  }
  return centres.map(({ x, y }) => ({ left: (x / box.width) * 100, top: (y / box.height) * 100 }));
}

/** What the middle of the circle must hold: a button and three short lines of a go-round. */
export const CENTRE_NEEDS: Size = { width: 210, height: 130 };

export interface CircleLayout {
  seats: SeatPosition[];
  /** The rectangle inside the ring of tiles, for the circle's centre. */
  centre: Size;
}

/**
 * The whole circle: seats that do not touch, and a centre that clears the tiles and still holds
 * what it must; null when either fails, and the members go in rows.
 */
export function circleLayout(count: number, box: Size, tile: Size): CircleLayout | null {
  const seats = seatsAround(count, box, tile);
  if (!seats) return null;
  const centre = clearCentre(seats, box, tile);
  if (centre.width < CENTRE_NEEDS.width || centre.height < CENTRE_NEEDS.height) return null;
  return { seats, centre };
}

/**
 * The widest rectangle at the middle, as tall as the centre needs, that no tile touches; then
 * as tall as that width allows. A tile is clear of it when it is beside it or above or below it.
 */
function clearCentre(seats: SeatPosition[], box: Size, tile: Size): Size {
  const offsets = seats.map((s) => ({ x: Math.abs((s.left / 100 - 0.5) * box.width), y: Math.abs((s.top / 100 - 0.5) * box.height) }));
  const halfTileW = tile.width / 2 + GAP_PX;
  const halfTileH = tile.height / 2 + GAP_PX;
  let halfW = box.width / 2;
  for (const o of offsets) if (o.y < CENTRE_NEEDS.height / 2 + halfTileH) halfW = Math.min(halfW, o.x - halfTileW);
  let halfH = box.height / 2;
  for (const o of offsets) if (o.x < halfW + halfTileW) halfH = Math.min(halfH, o.y - halfTileH);
  return { width: Math.max(0, 2 * halfW), height: Math.max(0, 2 * halfH) };
}
