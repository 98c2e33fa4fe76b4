import type { StatePatch, StateUpdate } from '../../shared/protocol.js';
import type { CommandType } from '../../shared/schemas/commands.js';
import { MACHINE_VERSION } from '../../shared/session/machine.js';
import { diffView } from '../../shared/session/patch.js';
import { statusOf, type SessionView } from '../../shared/session/view.js';
import { instant } from '../../shared/time.js';
import { reachRecord, refused } from '../access/reach.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { SessionRow, Store } from '../store/types.js';
import { LiveSession } from './live-session.js';
import { actorName, loadNames, type SessionNames } from './names.js';
import { persist, restore, type SessionSnapshot } from './restore.js';

type Cause = { actorId: string; commandType: CommandType };

export type SessionAccess = { refused: 'NOT_FOUND' | 'FORBIDDEN' } | { refused?: undefined; row: SessionRow; live: LiveSession | null };

/**
 * Every live (not ended) session this process owns, each held once. Ended sessions are read from
 * the store on demand and never held.
 */
export class LiveRegistry {
  private readonly sessions = new Map<string, LiveSession>();
  private readonly names = new Map<string, SessionNames>();

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /** Restores every open session at start; a session that cannot be restored is reported, not guessed. */
  restoreAll(): { restored: number; replayed: number; failed: number } {
    const counts = { restored: 0, replayed: 0, failed: 0 };
    // One transaction: every snapshot that log entries were applied to is saved (after a machine
    // change, all of them), and one sync to disk for all instead of one each keeps start-up short
    // (docs/performance.md). Those saves only spare the next start the work: if they fail, the
    // sessions are held all the same.
    try {
      this.store.transaction(() => {
        for (const row of this.store.sessions.listOpen()) {
          try {
            const { replayed } = this.hold(row);
            counts[replayed ? 'replayed' : 'restored']++;
          } catch (error) {
            counts.failed++;
            this.logger.error({ sessionId: row.id, err: error }, 'session could not be restored');
          }
        }
      });
    } catch (error) {
      this.logger.error({ err: error }, 'replayed snapshots could not be saved; the next start replays them again');
    }
    return counts;
  }

  get(sessionId: string): LiveSession | null {
    return this.sessions.get(sessionId) ?? null;
  }

  /** The live session, loading it from the store if it is open but not yet held. */
  find(sessionId: string): LiveSession | null {
    const held = this.sessions.get(sessionId);
    if (held) return held;
    const row = this.store.sessions.get(sessionId);
    if (!row || row.status === 'ended') return null;
    return this.hold(row).live;
  }

  /**
   * A session as one of its facilitators may reach it: authorized against the stored record
   * before anything is loaded, so an outsider cannot even make the server load a session.
   * `live` is null for an ended session.
   */
  access(sessionId: string, userId: string): SessionAccess {
    const held = this.sessions.get(sessionId);
    const row = held?.row ?? this.store.sessions.get(sessionId);
    if (!row) return { refused: 'NOT_FOUND' };
    // The live state is the session's record: the one rule its REST reads ask too (../access/reach.ts).
    if (refused(reachRecord(this.store, row, userId, 'state'))) return { refused: 'FORBIDDEN' };
    if (held) return { row, live: held };
    return { row, live: row.status === 'ended' ? null : this.hold(row).live };
  }

  get size(): number {
    return this.sessions.size;
  }

  /** Drops a session that has ended; its record stays in the store. */
  release(sessionId: string): void {
    this.sessions.delete(sessionId);
    this.names.delete(sessionId);
  }

  /** Names changed (roster edited, group renamed): the next update carries the new ones. */
  forgetNames(groupId: string): void {
    for (const live of this.sessions.values()) if (live.row.groupId === groupId) this.names.delete(live.id);
  }

  update(live: LiveSession, cause: Cause | null): StateUpdate {
    return {
      sessionId: live.id,
      version: live.version,
      serverNow: this.clock.now(),
      state: this.view(live),
      cause: this.withName(live.row, cause),
    };
  }

  /** What a screen shows of a held session at its current version. */
  view(live: LiveSession): SessionView {
    return viewOf(live.row, live.snapshot.value, live.snapshot.context, this.namesOf(live.row));
  }

  /**
   * The view the session's screens hold: the last one broadcast. After a change of names it still
   * has the old ones, so the next patch carries the new.
   */
  shownView(live: LiveSession): SessionView {
    return live.shown ?? this.view(live);
  }

  /** The broadcast for a session that just advanced one version from the view `before`. */
  patch(live: LiveSession, before: SessionView, cause: Cause): StatePatch {
    const after = this.view(live);
    live.shown = after;
    const patch = diffView(before, after);
    return {
      sessionId: live.id,
      version: live.version,
      baseVersion: live.version - 1,
      serverNow: this.clock.now(),
      patch,
      cause: this.withName(live.row, cause),
    };
  }

  /** The state of a session that is not held (ended), straight from its stored snapshot. */
  storedUpdate(row: SessionRow): StateUpdate {
    const snapshot = JSON.parse(row.snapshot);
    const state = viewOf(row, snapshot.value, snapshot.context, loadNames(this.store, row));
    return { sessionId: row.id, version: row.version, serverNow: this.clock.now(), state, cause: null };
  }

  private withName(row: SessionRow, cause: Cause | null): StateUpdate['cause'] {
    return cause && { ...cause, actorName: actorName(this.namesOf(row), cause.actorId) };
  }

  private namesOf(row: SessionRow): SessionNames {
    let names = this.names.get(row.id);
    if (!names) {
      names = loadNames(this.store, row);
      this.names.set(row.id, names);
    }
    return names;
  }

  private hold(row: SessionRow): { live: LiveSession; replayed: boolean } {
    const { snapshot, applied, stale } = restore(row, (after) => this.store.sessions.logAfter(row.id, after));
    const savedVersion = applied > 0 || stale ? this.saveRestored(row, snapshot) : row.snapshotVersion;
    const lastAt = this.store.sessions.lastEntry(row.id)?.at ?? instant(0);
    const live = new LiveSession(row, snapshot, savedVersion, lastAt);
    this.sessions.set(row.id, live);
    return { live, replayed: stale };
  }

  /** Saves what a restore applied, so the next start has less to apply; failing only costs that. */
  private saveRestored(row: SessionRow, snapshot: SessionSnapshot): number {
    try {
      this.store.sessions.saveSnapshot(row.id, row.version, persist(snapshot), MACHINE_VERSION);
      return row.version;
    } catch (error) {
      this.logger.warn({ sessionId: row.id, err: error }, 'restored snapshot not saved; the next start applies its log again');
      return row.snapshotVersion;
    }
  }
}

function viewOf(row: SessionRow, value: unknown, context: SessionView['context'], names: SessionNames): SessionView {
  return {
    sessionId: row.id,
    groupId: row.groupId,
    groupName: names.groupName,
    status: statusOf(value),
    phase: context.phase?.name ?? null,
    members: names.members,
    facilitators: names.facilitators,
    context,
  };
}
