/**
 * What one Holdspace process tells the others sharing its database, over the Socket.IO
 * PostgreSQL adapter (server/peers/control.ts): control only, never a command or a state.
 */
export interface InterServerEvents {
  /** Whoever owns the session gives it up: a screen of it reached another process (P56). */
  'holdspace:handover': (sessionId: string) => void;
  /** Whoever holds these sessions reads them back: their record changed (a co-facilitator replaced, S17). */
  'holdspace:release': (sessionIds: string[]) => void;
  /** Whoever holds sessions of the group shows its new names (roster edited, member erased). */
  'holdspace:forget-names': (groupId: string) => void;
}
