import type { Command } from '../schemas/commands.js';
import type { Instant } from '../time.js';
import type { ActorId } from './context.js';

/** What the server adds to every command before the machine sees it. */
export interface Stamp {
  /** Server time of the command. */
  at: Instant;
  /** User id of the facilitator who sent it. */
  actor: ActorId;
  /** Server-made id for commands that create a record (flag, note, signal). */
  id?: string;
}

/** A machine event: a validated command plus its stamp. It is what the phase log stores. */
export type SessionEvent = Command & Stamp;
export type EventOf<T extends SessionEvent['type']> = Extract<SessionEvent, { type: T }>;
