import { MACHINE_VERSION } from '../../shared/session/machine.js';
import { instant } from '../../shared/time.js';
import { mayReachLiveState } from '../access/reach.js';
import type { Logger } from '../logger.js';
import type { RestoredSave, SessionRow, Store } from '../store/types.js';
import { LiveSession } from './live-session.js';
import { soleOwner, type SessionOwner } from './owner.js';
import { restore } from './restore.js';
import { persist } from './snapshot.js';

export type SessionAccess =
  { refused: 'NOT_FOUND' | 'FORBIDDEN' | 'MOVING' } | { refused?: undefined; row: SessionRow; live: LiveSession | null };

/** Another process owns the session, or this one may not claim now (docs/protocol.md P56). */
class Elsewhere extends Error {}

const ignore = () => undefined;

/**
 * Every live (not ended) session this process owns, each held once; with several processes on
 * one database, each is claimed (`owner`) before it is held, and held only while owned. Ended sessions are read from
 * the store on demand and never held. A session dropped (ended, its co-facilitator replaced, an
 * append failed) is read back from the store only once its last append has settled, so the copy
 * read back is exactly what the disk holds.
 */
export class LiveSessions {
  private readonly held = new Map<string, LiveSession>();
  private readonly loading = new Map<string, Promise<LiveSession>>();
  private readonly settling = new Map<string, Promise<void>>();

  constructor(
    private readonly store: Store,
    private readonly logger: Logger,
    private readonly owner: SessionOwner = soleOwner,
  ) {}

  /**
   * Restores every open session at start, alone on its database (SQLite); a session that cannot be
   * restored is reported, not guessed. Processes sharing one claim each session when a screen
   * first reaches it instead.
   */
  async restoreAll(): Promise<{ restored: number; replayed: number; failed: number }> {
    const counts = { restored: 0, replayed: 0, failed: 0 };
    const saves: RestoredSave[] = [];
    for (const row of await this.store.live.listOpen()) {
      try {
        const { live, save, replayed } = await this.restoreOne(row);
        this.held.set(row.id, live);
        if (save) saves.push(save);
        counts[replayed ? 'replayed' : 'restored']++;
      } catch (error) {
        counts.failed++;
        this.logger.error({ sessionId: row.id, err: error }, 'session could not be restored');
      }
    }
    // One transaction: every snapshot that log entries were applied to is saved (after a machine
    // change, all of them), and one sync for all instead of one each keeps start-up short
    // (docs/performance.md). Those saves only spare the next start the work.
    await this.saveRestored(saves);
    return counts;
  }

  get(sessionId: string): LiveSession | null {
    return this.held.get(sessionId) ?? null;
  }

  get size(): number {
    return this.held.size;
  }

  heldIds(): string[] {
    return [...this.held.keys()];
  }

  /** Whether this process may still acknowledge the session's commands (always, alone on SQLite). */
  owns(sessionId: string): boolean {
    return this.owner.owns(sessionId);
  }

  /**
   * The session's state as the log has it, for a read (REST): the copy held here, or one restored
   * for the read alone — never claimed nor held, so a read on any process moves nothing.
   */
  async current(row: SessionRow): Promise<LiveSession | null> {
    if (row.status === 'ended') return null;
    return this.held.get(row.id) ?? (await this.restoreOne(row)).live;
  }

  /**
   * A session as one of its facilitators may reach it: authorized against the stored record
   * before anything is loaded, so an outsider cannot even make the server load a session.
   * `live` is null for an ended session.
   */
  async access(sessionId: string, userId: string): Promise<SessionAccess> {
    const held = this.heldAccess(sessionId, userId);
    if (held) return held;
    const row = await this.read(sessionId);
    if (!row) return { refused: 'NOT_FOUND' };
    if (!mayReachLiveState(row, userId)) return { refused: 'FORBIDDEN' };
    if (row.status === 'ended') return { row, live: null };
    try {
      return { row, live: await this.hold(row) };
    } catch (error) {
      if (error instanceof Elsewhere) return { refused: 'MOVING' };
      throw error;
    }
  }

  /**
   * `access` for a session this process holds, answered without waiting (null when not held):
   * the path of nearly every command, kept free of promises (docs/performance.md item 14).
   */
  heldAccess(sessionId: string, userId: string): SessionAccess | null {
    const live = this.held.get(sessionId);
    if (!live) return null;
    // No longer this process's (it fenced itself): let go, and claim again on the slow path.
    if (!this.owner.owns(sessionId)) {
      this.release(sessionId, live);
      return null;
    }
    // The live state is the session's record: the one rule its REST reads ask too (../access/reach.ts).
    return mayReachLiveState(live.row, userId) ? { row: live.row, live } : { refused: 'FORBIDDEN' };
  }

  /**
   * Drops a session (when `only` is given: if that copy is still the one held); its record stays
   * in the store, and the next reach reads it back once its last append has settled.
   */
  release(sessionId: string, only?: LiveSession): void {
    const live = this.held.get(sessionId);
    if (!live || (only && live !== only)) return;
    this.held.delete(sessionId);
    const settled = live.written.then(ignore, ignore);
    this.settling.set(sessionId, settled);
    void settled.then(() => this.settling.get(sessionId) === settled && this.settling.delete(sessionId));
  }

  /** Tells the owner table this process no longer holds the session (once released here). */
  giveUp(sessionId: string): Promise<void> {
    return this.owner.release(sessionId);
  }

  /**
   * Set when other processes share the database (../peers/): what changes a held session's record
   * or names here is told to whichever of them holds it.
   */
  peers: { release(sessionIds: string[]): void; forgetNames(groupId: string): void } | null = null;

  /** Drops these sessions here and on every other process: their record changed (S17). */
  releaseEverywhere(sessionIds: string[]): void {
    for (const id of sessionIds) this.release(id);
    if (sessionIds.length > 0) this.peers?.release(sessionIds);
  }

  /** Lets go of every session at once: this process may no longer acknowledge any (it fenced itself). */
  releaseAll(): void {
    for (const [id, live] of this.held) this.release(id, live);
  }

  /** Names changed (roster edited, group renamed): the next update carries the new ones. */
  forgetNames(groupId: string, here = false): void {
    for (const live of this.held.values()) if (live.row.groupId === groupId) live.names = null;
    if (!here) this.peers?.forgetNames(groupId);
  }

  private async read(sessionId: string): Promise<SessionRow | null> {
    await this.settling.get(sessionId);
    return this.store.live.read(sessionId);
  }

  /** Holds the session of `row`, restoring it once even when two ask at the same time. */
  private hold(row: SessionRow): Promise<LiveSession> {
    const held = this.held.get(row.id);
    if (held) return Promise.resolve(held);
    let loading = this.loading.get(row.id);
    if (!loading) {
      // Claimed before the row and the log are read: what the previous owner wrote is all there by then.
      loading = this.claim(row.id)
        .then(async () => this.restoreOne((await this.store.live.read(row.id)) ?? row))
        .then(async ({ live, save }) => (this.held.set(row.id, live), save && (await this.saveRestored([save])), live))
        .finally(() => this.loading.delete(row.id));
      this.loading.set(row.id, loading);
    }
    return loading;
  }

  private async restoreOne(row: SessionRow): Promise<{ live: LiveSession; save: RestoredSave | null; replayed: boolean }> {
    const { snapshot, version, applied, stale } = await restore(row, (after) => this.store.live.logAfter(row.id, after));
    // Saved at the version of what it holds: a snapshot labelled older than its state would have
    // its entries applied twice by the next restore.
    const save = applied > 0 || stale ? { id: row.id, version, snapshot: persist(snapshot), machineVersion: MACHINE_VERSION } : null;
    const last = await this.store.live.lastEntry(row.id);
    const live = new LiveSession({ ...row, version }, snapshot, save ? version : row.snapshotVersion, {
      at: last?.at ?? instant(0),
      cause: last && { actorId: last.actorId, commandType: last.event.type },
    });
    return { live, save, replayed: stale };
  }

  private async claim(sessionId: string): Promise<void> {
    if (!(await this.owner.claim(sessionId))) throw new Elsewhere();
  }

  /** Saves what restores applied, so the next start has less to apply; failing only costs that. */
  private async saveRestored(saves: RestoredSave[]): Promise<void> {
    if (saves.length === 0) return;
    try {
      await this.store.live.saveSnapshots(saves);
    } catch (error) {
      this.logger.warn({ sessions: saves.length, err: error }, 'restored snapshots not saved; the next start applies their log again');
      for (const save of saves) {
        const live = this.held.get(save.id);
        if (live) live.savedVersion = live.row.snapshotVersion;
      }
    }
  }
}
