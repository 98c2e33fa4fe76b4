import type { CommandAck } from '../../shared/protocol.js';
import type { SessionView } from '../../shared/session/view.js';
import type { Instant } from '../../shared/time.js';
import type { SessionRow } from '../store/types.js';
import type { SessionSnapshot } from './restore.js';

/**
 * How many results a session remembers of commands the log does not hold: refusals, and accepted
 * commands that changed nothing. Applied commands are found in the log (docs/protocol.md P7);
 * keeping those here too filled 1,000 sessions' memory with results the log already had, for the
 * old-generation GC to mark again and again (docs/performance.md item 12).
 */
const RECENT_RESULTS = 256;

/**
 * The one authoritative copy of a live session in this process: its snapshot, its version, and
 * the results of recent commands. It changes only through `advance`, after the store committed.
 */
export class LiveSession {
  readonly id: string;
  readonly row: SessionRow;
  snapshot: SessionSnapshot;
  version: number;
  /**
   * The version the store's snapshot was last saved at, as far as this process knows: it only
   * paces the saves (./snapshots.ts); a restore reads the true one from the row.
   */
  savedVersion: number;
  /** The last stamped time: stamps never go backwards even if the wall clock does. */
  lastAt: Instant;
  /** The view last broadcast to the session's screens (set by the registry). */
  shown: SessionView | null = null;
  /** Results of commands the log does not hold, oldest first. */
  private readonly recent = new Map<string, CommandAck>();

  constructor(row: SessionRow, snapshot: SessionSnapshot, savedVersion: number, lastAt: Instant) {
    this.id = row.id;
    this.row = row;
    this.snapshot = snapshot;
    this.version = row.version;
    this.savedVersion = savedVersion;
    this.lastAt = lastAt;
  }

  rememberedResult(commandId: string): CommandAck | undefined {
    return this.recent.get(commandId);
  }

  remember(commandId: string, result: CommandAck): void {
    this.recent.set(commandId, result);
    if (this.recent.size > RECENT_RESULTS) this.recent.delete(this.recent.keys().next().value!);
  }

  advance(snapshot: SessionSnapshot, version: number, at: Instant, saved: boolean): void {
    this.snapshot = snapshot;
    this.version = version;
    if (saved) this.savedVersion = version;
    this.lastAt = at;
  }
}
