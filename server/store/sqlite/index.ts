import type { Store } from '../types.js';
import { sqliteAudit } from './audit.js';
import { sqliteGroups } from './groups.js';
import { sqliteInvites } from './invites.js';
import { prepareSchema, type Db } from './open.js';
import { walSync } from './wal-sync.js';
import { sqlitePrivacy } from './privacy.js';
import { sqliteProgressNotes } from './progress-notes.js';
import { sqliteReviewers } from './reviewers.js';
import { sqliteReviews } from './reviews.js';
import { sqliteSessions } from './sessions.js';
import { sqliteSettings } from './settings.js';
import { sqliteSignIns } from './sign-ins.js';
import { sqliteUsers } from './users.js';

/** The SQLite store over an open database whose auth tables already exist. */
export function sqliteStore(db: Db): Store {
  prepareSchema(db);
  const wal = walSync(db);
  return {
    users: sqliteUsers(db),
    groups: sqliteGroups(db),
    sessions: sqliteSessions(db),
    settings: sqliteSettings(db),
    invites: sqliteInvites(db),
    signIns: sqliteSignIns(db),
    audit: sqliteAudit(db),
    privacy: sqlitePrivacy(db),
    reviews: sqliteReviews(db),
    reviewers: sqliteReviewers(db),
    progressNotes: sqliteProgressNotes(db),
    transaction: (work, { syncLater = false } = {}) => {
      const run = db.transaction(() => work(() => db.inTransaction));
      return syncLater ? wal.commitWithoutSync(run) : run();
    },
    syncToDisk: (done) => wal.sync(done),
    close: () => {
      wal.close();
      db.close();
    },
  };
}
