/** A store interface (../types.ts) as SQLite implements it: the same methods, answering at once. */
export type Synced<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => Promise<infer R> ? (...args: A) => R : T[K];
};

/**
 * SQLite's synchronous store behind the async interface: each answer resolved, each throw a
 * rejection. The work itself still runs at the call, so a caller's order of writes is kept.
 */
export function promised<T extends object>(sync: Synced<T>): T {
  const wrapped: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(sync)) {
    wrapped[name] =
      typeof member === 'function'
        ? (...args: unknown[]) => {
            try {
              return Promise.resolve((member as (...a: unknown[]) => unknown)(...args));
            } catch (error) {
              return Promise.reject(error instanceof Error ? error : new Error(String(error)));
            }
          }
        : member;
  }
  return wrapped as T;
}
