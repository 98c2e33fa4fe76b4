import type { ReactNode } from 'react';

/**
 * A wide table that scrolls sideways on a narrow screen (a phone). The scrolling box takes focus
 * and is named, so someone on a keyboard or a switch can reach and scroll it too (WCAG 2.1.1); a
 * group, not a region, so that it is no landmark beside its section's.
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-scroll" role="group" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
