/**
 * Who may write a live session (docs/decisions/013-scale-out.md). One process on SQLite owns
 * every session (`soleOwner`); processes sharing PostgreSQL claim each session before holding it
 * (server/cluster/ownership.ts), and one that finds it owned elsewhere answers `MOVING` (P56).
 */
export interface SessionOwner {
  /** Claims the session for this process; false when another holds it (or this one may not claim now). */
  claim(sessionId: string): Promise<boolean>;
  /** Gives the session up, once its last append has settled. */
  release(sessionId: string): Promise<void>;
  /** Whether this process may still acknowledge the session's commands. */
  owns(sessionId: string): boolean;
}

export const soleOwner: SessionOwner = {
  claim: () => Promise.resolve(true),
  release: () => Promise.resolve(),
  owns: () => true,
};
