import { MACHINE_VERSION } from '../../shared/session/machine.js';
import { instant } from '../../shared/time.js';
import { mayReachLiveState } from '../access/reach.js';
import type { Logger } from '../logger.js';
import type { RestoredSave, SessionRow, Store } from '../store/types.js';
import { LiveSession } from './live-session.js';
import { restore } from './restore.js';
import { persist } from './snapshot.js';

export type SessionAccess = { refused: 'NOT_FOUND' | 'FORBIDDEN' } | { refused?: undefined; row: SessionRow; live: LiveSession | null };

const ignore = () => undefined;

/**
 * Every live (not ended) session this process owns, each held once. Ended sessions are read from
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
  ) {}

  /** Restores every open session at start; a session that cannot be restored is reported, not guessed. */
  async restoreAll(): Promise<{ restored: number; replayed: number; failed: number }> {
    const counts = { restored: 0, replayed: 0, failed: 0 };
    const saves: RestoredSave[] = [];
    for (const row of await this.store.live.listOpen()) {
      try {
        const { save, replayed } = await this.restoreOne(row);
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

  /** The live session, loading it from the store if it is open but not yet held. */
  async find(sessionId: string): Promise<LiveSession | null> {
    const held = this.held.get(sessionId);
    if (held) return held;
    const row = await this.read(sessionId);
    return row && row.status !== 'ended' ? this.hold(row) : null;
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
    return { row, live: row.status === 'ended' ? null : await this.hold(row) };
  }

  /**
   * `access` for a session this process holds, answered without waiting (null when not held):
   * the path of nearly every command, kept free of promises (docs/performance.md item 14).
   */
  heldAccess(sessionId: string, userId: string): SessionAccess | null {
    const live = this.held.get(sessionId);
    if (!live) return null;
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

  /** Names changed (roster edited, group renamed): the next update carries the new ones. */
  forgetNames(groupId: string): void {
    for (const live of this.held.values()) if (live.row.groupId === groupId) live.names = null;
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
      loading = this.restoreOne(row)
        .then(async ({ live, save }) => (save && (await this.saveRestored([save])), live))
        .finally(() => this.loading.delete(row.id));
      this.loading.set(row.id, loading);
    }
    return loading;
  }

  private async restoreOne(row: SessionRow): Promise<{ live: LiveSession; save: RestoredSave | null; replayed: boolean }> {
    const { snapshot, applied, stale } = await restore(row, (after) => this.store.live.logAfter(row.id, after));
    const save =
      applied > 0 || stale ? { id: row.id, version: row.version, snapshot: persist(snapshot), machineVersion: MACHINE_VERSION } : null;
    const last = await this.store.live.lastEntry(row.id);
    const live = new LiveSession(row, snapshot, save ? row.version : row.snapshotVersion, {
      at: last?.at ?? instant(0),
      cause: last && { actorId: last.actorId, commandType: last.event.type },
    });
    this.held.set(row.id, live);
    return { live, save, replayed: stale };
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
