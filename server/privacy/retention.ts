import { instant, type Instant } from '../../shared/time.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { PurgeCount, Store } from '../store/types.js';
import type { Audit } from './audit.js';

const DAY_MS = 24 * 60 * 60_000;

export interface PurgeResult {
  /** Sessions that ended before this were purged; null when retention is "for ever". */
  cutoff: Instant | null;
  sessions: number;
  logEntries: number;
}

export interface Retention {
  /** Purges now on behalf of `actorId` (an admin's id, or `system` for the schedule). */
  purge(actorId: string): PurgeResult;
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
 * The retention purge (docs/privacy.md D8–D10): runs once at start, then every `intervalMs`, and
 * on an admin's request. A scheduled run that finds nothing leaves no audit entry, so the audit
 * log records purges rather than a heartbeat; an admin's run is always recorded.
 */
export function startRetention({ store, audit, clock, logger, intervalMs }: Deps): Retention {
  const purge = (actorId: string): PurgeResult => {
    const days = store.settings.get().retentionDays;
    const now = clock.now();
    const cutoff = days === null ? null : instant(now - days * DAY_MS);
    const record = ({ sessionIds, logEntries }: PurgeCount) => {
      if (sessionIds.length === 0 && actorId === 'system') return;
      const detail = { retentionDays: days, cutoff: cutoff === null ? null : new Date(cutoff).toISOString(), sessionIds, logEntries };
      audit.record({ actorId, action: 'purge.run', subjectType: 'database', subjectId: null, detail });
    };
    let count: PurgeCount = { sessionIds: [], logEntries: 0 };
    if (cutoff === null) record(count);
    else count = store.privacy.purgeEndedBefore(cutoff, now, record);
    const { sessionIds, logEntries } = count;
    logger.info({ sessions: sessionIds.length, logEntries, cutoff }, 'retention purge ran');
    return { cutoff, sessions: sessionIds.length, logEntries };
  };

  const scheduled = () => {
    try {
      purge('system');
    } catch (error) {
      // A failed purge must not stop a clinic's sessions; it is retried on the next run.
      logger.error({ err: error }, 'retention purge failed');
    }
  };
  scheduled();
  const timer = setInterval(scheduled, intervalMs);
  timer.unref();
  return { purge, stop: () => clearInterval(timer) };
}
