import { useEffect, useSyncExternalStore } from 'react';

/**
 * How many modals are open. The page shell reads it to make everything behind a modal inert
 * and aria-hidden: the browser does that for a native modal dialog, but test tools and some
 * screen readers look at aria-hidden, not at the top layer.
 */
let openCount = 0;
const listeners = new Set<() => void>();

function change(delta: number) {
  openCount += delta;
  for (const listener of listeners) listener();
}

/** Marks a modal open for as long as the calling component is mounted. */
export function useModalOpen(): void {
  useEffect(() => {
    change(1);
    return () => change(-1);
  }, []);
}

export function useAnyModalOpen(): boolean {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => openCount > 0,
  );
}
