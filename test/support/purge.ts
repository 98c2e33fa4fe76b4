import type { Clock } from '../../server/clock.js';
import { createAudit } from '../../server/privacy/audit.js';
import type { PurgeCount, Store } from '../../server/store/types.js';
import { instant } from '../../shared/time.js';

/**
 * Purges every ended session at once through the server's own store, with the audit entry the
 * scheduled purge writes (server/privacy/retention.ts) built the way it builds it.
 */
export function purgeAllEnded(store: Store, clock: Clock): Promise<PurgeCount> {
  const audit = createAudit(store.audit, clock);
  return store.privacy.purgeEndedBefore(instant(Number.MAX_SAFE_INTEGER), clock.now(), ({ sessionIds, logEntries }) =>
    audit.entry({ actorId: 'system', action: 'purge.run', subjectType: 'database', subjectId: null, detail: { sessionIds, logEntries } }),
  );
}
