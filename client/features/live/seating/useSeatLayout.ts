import { useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { circleLayout, type CircleLayout } from './seatLayout.js';

/**
 * Where the seats go in the box `ref` points at: around a circle when the tiles fit without
 * touching, or null for rows. Measured after layout and again whenever the box or a tile changes
 * size (a turned tablet, a resized window), so a tap never lands on the wrong person. A layout
 * may ask for rows outright (`--seating: rows`, the phone's list).
 */
export function useSeatLayout(count: number): { ref: RefObject<HTMLElement | null>; circle: CircleLayout | null } {
  const ref = useRef<HTMLElement | null>(null);
  const [circle, setCircle] = useState<CircleLayout | null>(null);
  useLayoutEffect(() => {
    const box = ref.current;
    if (!box) return;
    const measure = () => {
      const style = getComputedStyle(box);
      if (style.getPropertyValue('--seating').trim() === 'rows') return setCircle(null);
      // A seat is the tile with its companion Actions button beside it.
      const tiles = [...box.querySelectorAll<HTMLElement>('.seat-body')];
      const tile = {
        width: Math.max(0, ...tiles.map((t) => t.offsetWidth)),
        height: Math.max(0, ...tiles.map((t) => t.offsetHeight)),
      };
      const next = circleLayout(count, { width: box.clientWidth, height: box.clientHeight }, tile);
      setCircle((previous) => (JSON.stringify(previous) === JSON.stringify(next) ? previous : next));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(box);
    for (const tile of box.querySelectorAll('.seat-body')) observer.observe(tile);
    return () => observer.disconnect();
  }, [count]);
  return { ref, circle };
}
