import { useCallback, useRef, useSyncExternalStore } from 'react';
import type { Store } from '../../shared/sync/store.js';

export type { Store } from '../../shared/sync/store.js';

/**
 * Reads a slice of a store. The component re-renders only when the slice changes by `isEqual`,
 * so the one-second tick re-renders the timer digits and nothing else.
 */
export function useStoreSelector<S, T>(store: Store<S>, selector: (state: S) => T, isEqual: (a: T, b: T) => boolean = Object.is): T {
  // The last answer, kept so an equal slice returns the identical value (useSyncExternalStore needs that).
  const last = useRef<{ value: T } | null>(null);
  const getSnapshot = useCallback(() => {
    const value = selector(store.getState());
    if (last.current !== null && isEqual(last.current.value, value)) return last.current.value;
    last.current = { value };
    return value;
  }, [store, selector, isEqual]);
  return useSyncExternalStore(store.subscribe, getSnapshot, getSnapshot);
}

/** Equality for flat records of primitives. */
export function sameFields<T extends object>(a: T, b: T): boolean {
  const keys = Object.keys(a) as (keyof T)[];
  return keys.length === Object.keys(b).length && keys.every((k) => Object.is(a[k], b[k]));
}
