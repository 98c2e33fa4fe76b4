import { instant, type Instant } from '../../shared/time.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { PurgeCount, Store } from '../store/types.js';
import type { Audit, AuditInput } from './audit.js';

const DAY_MS = 24 * 60 * 60_000;

export interface PurgeResult {
  /** Sessions that ended before this were purged; null when retention is "for ever". */
  cutoff: Instant | null;
  sessions: number;
  logEntries: number;
}

export interface Retention {
  /** Purges now on behalf of `actorId` (an admin's id, or `system` for the schedule). */
  purge(actorId: string): Promise<PurgeResult>;
  stop(): void;
}

interface Deps {
  store: Store;
  audit: Audit;
  clock: Clock;
  logger: Logger;
  intervalMs: number;
}

/**
 * Thrown by a scheduled run's audit entry when it found nothing to purge: the purge's transaction,
 * which changed nothing, is undone with it, and no entry is written (see `startRetention`).
 */
class NothingPurged extends Error {}

/**
 * The retention purge (docs/privacy.md D8–D10): runs once at start (resolved once that run is
 * over), then every `intervalMs`, and on an admin's request. A scheduled run that finds nothing
 * leaves no audit entry, so the audit log records purges rather than a heartbeat; an admin's run
 * is always recorded.
 */
export async function startRetention({ store, audit, clock, logger, intervalMs }: Deps): Promise<Retention> {
  const purge = async (actorId: string): Promise<PurgeResult> => {
    const days = (await store.settings.get()).retentionDays;
    const now = clock.now();
    const cutoff = days === null ? null : instant(now - days * DAY_MS);
    const unrecorded = (sessionIds: readonly string[]) => sessionIds.length === 0 && actorId === 'system';
    const input = ({ sessionIds, logEntries }: PurgeCount): AuditInput => {
      const detail = { retentionDays: days, cutoff: cutoff === null ? null : new Date(cutoff).toISOString(), sessionIds, logEntries };
      return { actorId, action: 'purge.run', subjectType: 'database', subjectId: null, detail };
    };
    let count: PurgeCount = { sessionIds: [], logEntries: 0 };
    if (cutoff === null) {
      if (!unrecorded(count.sessionIds)) await audit.record(input(count));
    } else {
      try {
        // The entry is written in the purge's own transaction: a purge not recorded did not happen (D4).
        count = await store.privacy.purgeEndedBefore(cutoff, now, (purged) => {
          if (unrecorded(purged.sessionIds)) throw new NothingPurged();
          return audit.entry(input(purged));
        });
      } catch (error) {
        if (!(error instanceof NothingPurged)) throw error;
      }
    }
    const { sessionIds, logEntries } = count;
    logger.info({ sessions: sessionIds.length, logEntries, cutoff }, 'retention purge ran');
    return { cutoff, sessions: sessionIds.length, logEntries };
  };

  const scheduled = async () => {
    try {
      await purge('system');
    } catch (error) {
      // A failed purge must not stop a clinic's sessions; it is retried on the next run.
      logger.error({ err: error }, 'retention purge failed');
    }
  };
  await scheduled();
  const timer = setInterval(() => void scheduled(), intervalMs);
  timer.unref();
  return { purge, stop: () => clearInterval(timer) };
}
