import type { CommandAck } from '../../shared/protocol.js';
import type { CommandType } from '../../shared/schemas/commands.js';
import type { SessionView } from '../../shared/session/view.js';
import type { Instant } from '../../shared/time.js';
import type { SessionRow } from '../store/types.js';
import { LoggedCommands } from './logged-commands.js';
import type { SessionNames } from './names.js';
import type { SessionSnapshot } from './snapshot.js';

/**
 * How many results a session remembers of commands the log does not hold: refusals, and accepted
 * commands that changed nothing. Applied commands are found in the log (docs/protocol.md P7);
 * keeping those here too filled 1,000 sessions' memory with results the log already had, for the
 * old-generation GC to mark again and again (docs/performance.md item 12).
 */
const RECENT_RESULTS = 256;

const ignore = () => undefined;

/** Who made a version, so a screen that lost a race can say "Already advanced by Dana". */
export interface Cause {
  actorId: string;
  commandType: CommandType;
}

/**
 * The one authoritative copy of a live session in this process: its snapshot, its version, and
 * the results of recent commands. It changes only through `advance`, inside the session's queue
 * (./core.ts); what it holds may run ahead of the disk by the appends still in `written`.
 */
export class LiveSession {
  readonly id: string;
  readonly row: SessionRow;
  snapshot: SessionSnapshot;
  version: number;
  /**
   * The version the store's snapshot was last saved at, as far as this process knows: it only
   * paces the saves (./snapshot.ts); a restore reads the true one from the row.
   */
  savedVersion: number;
  /** The last stamped time: stamps never go backwards even if the wall clock does. */
  lastAt: Instant;
  /** Who made the current version (null at version 0). */
  cause: Cause | null;
  /**
   * The newest append's promise: settled once everything this copy holds is on disk (or not).
   * Nothing read from this copy is shown to anyone before it settles.
   */
  written: Promise<void> = Promise.resolve();
  /** The view last broadcast to the session's screens (./views.ts). */
  shown: SessionView | null = null;
  /** The names around the session, loaded when first shown; dropped when they change (./views.ts). */
  names: Promise<SessionNames> | null = null;
  /** Results of commands the log does not hold, oldest first. */
  private readonly recent = new Map<string, CommandAck>();
  /** Applied commands not yet on disk, by commandId: a retry meanwhile is their duplicate. */
  private readonly unwritten = new Map<string, { version: number; append: Promise<void> }>();
  /** The log's command ids, read on the first command this copy decides (`mayHaveLogged`). */
  private logged: Promise<LoggedCommands> | null = null;

  constructor(row: SessionRow, snapshot: SessionSnapshot, savedVersion: number, last: { at: Instant; cause: Cause | null }) {
    this.id = row.id;
    this.row = row;
    this.snapshot = snapshot;
    this.version = row.version;
    this.savedVersion = savedVersion;
    this.lastAt = last.at;
    this.cause = last.cause;
  }

  /**
   * The first result of `commandId`, if this copy knows it, and what its repeat's answer waits
   * for: an applied command's own append, then the rest of the queue's (its repeat keeps its place
   * in the session's order, but a later command's failed write does not make it unapplied); a
   * refusal, everything this copy holds, as the first answer did.
   */
  rememberedResult(commandId: string): { ack: CommandAck; written: Promise<void> } | undefined {
    const applied = this.unwritten.get(commandId);
    if (applied)
      return { ack: { ok: true, version: applied.version, duplicate: false }, written: applied.append.then(() => this.settled()) };
    const ack = this.recent.get(commandId);
    return ack && { ack, written: this.written };
  }

  /** Settles once every append this copy made so far has, whether it reached the disk or not. */
  settled(): Promise<void> {
    return this.written.then(ignore, ignore);
  }

  remember(commandId: string, result: CommandAck): void {
    this.recent.set(commandId, result);
    if (this.recent.size > RECENT_RESULTS) this.recent.delete(this.recent.keys().next().value!);
  }

  /** The next version, applied here before it is on disk: `written` says when it is. */
  advance(next: { snapshot: SessionSnapshot; version: number; at: Instant; saved: boolean; cause: Cause; commandId: string }): void {
    this.snapshot = next.snapshot;
    this.version = next.version;
    if (next.saved) this.savedVersion = next.version;
    this.lastAt = next.at;
    this.cause = next.cause;
    void this.logged?.then(
      (logged) => logged.add(next.commandId),
      () => undefined, // not read: the next ask reads the log again, this entry with it
    );
  }

  /**
   * Whether the log may already hold `commandId` (false: certainly not). The first ask reads the
   * log's ids (`readIds`); it is made in the session's queue before this copy has advanced, so
   * what the log holds then and what `advance` adds after it are every id there is: nothing else
   * writes this session's log while this process owns it (with PostgreSQL, each append checks the
   * session's owner row in its own transaction: P58), and a copy read back after a drop starts over.
   */
  async mayHaveLogged(commandId: string, readIds: () => Promise<string[]>): Promise<boolean> {
    this.logged ??= readIds().then((ids) => new LoggedCommands(ids));
    try {
      return (await this.logged).mayHold(commandId);
    } catch (error) {
      this.logged = null; // the read failed: the next command reads again
      throw error;
    }
  }

  /** Records the append of `commandId`, just advanced to; once it is on disk the log answers its retries. */
  writing(commandId: string, append: Promise<void>): void {
    this.written = append;
    this.unwritten.set(commandId, { version: this.version, append });
    append.then(
      () => this.unwritten.delete(commandId),
      () => undefined, // the session is dropped and read back (./core.ts)
    );
  }
}
