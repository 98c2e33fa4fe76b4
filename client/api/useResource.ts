import { useCallback, useEffect, useState } from 'react';

export type Resource<T> = { status: 'loading' } | { status: 'ready'; data: T } | { status: 'failed'; message: string };

/**
 * Loads something over REST when a page opens. `load` must be stable (module functions or
 * useCallback): it is the effect's dependency.
 */
export function useResource<T>(load: () => Promise<T>): [Resource<T>, () => void] {
  const [resource, setResource] = useState<Resource<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    load().then(
      (data) => live && setResource({ status: 'ready', data }),
      (error: unknown) => live && setResource({ status: 'failed', message: error instanceof Error ? error.message : 'Could not load.' }),
    );
    return () => {
      live = false;
    };
  }, [load, attempt]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return [resource, reload];
}
