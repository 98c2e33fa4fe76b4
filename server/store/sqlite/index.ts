import type { Store } from '../types.js';
import { sqliteAudit } from './audit.js';
import { sqliteGroups } from './groups.js';
import { sqliteInvites } from './invites.js';
import { sqliteLive } from './live.js';
import { prepareSchema, type Db } from './open.js';
import { walSync } from './wal-sync.js';
import { promised } from './promised.js';
import { sqlitePrivacy } from './privacy.js';
import { sqliteProgressNotes } from './progress-notes.js';
import { sqliteRatings } from './ratings.js';
import { sqliteReviewers } from './reviewers.js';
import { sqliteReviews } from './reviews.js';
import { sqliteSessions } from './sessions.js';
import { sqliteSettings } from './settings.js';
import { sqliteSignIns } from './sign-ins.js';
import { sqliteUsers } from './users.js';

/**
 * The SQLite store over an open database whose auth tables already exist. `syncFailed` is told
 * when the log could not be synced to disk (the server stops; a tool that never appends to a live
 * session keeps the default, which throws).
 */
export function sqliteStore(
  db: Db,
  syncFailed: (error: Error, waiting: number) => void = (error) => {
    throw error;
  },
): Store {
  prepareSchema(db);
  const wal = walSync(db);
  const store: Store = {
    users: promised(sqliteUsers(db)),
    groups: promised(sqliteGroups(db)),
    sessions: promised(sqliteSessions(db)),
    // Synced through `store.syncToDisk`, looked up at each sync: the fault tests hold or fail it there.
    live: sqliteLive(db, {
      commitWithoutSync: (commit) => wal.commitWithoutSync(commit),
      sync: (done) => store.syncToDisk(done),
      syncFailed,
    }),
    settings: promised(sqliteSettings(db)),
    invites: promised(sqliteInvites(db)),
    signIns: promised(sqliteSignIns(db)),
    audit: promised(sqliteAudit(db)),
    // Answers once the write-ahead log is emptied of what was deleted (./scrub.ts).
    privacy: sqlitePrivacy(db),
    reviews: promised(sqliteReviews(db)),
    reviewers: promised(sqliteReviewers(db)),
    progressNotes: promised(sqliteProgressNotes(db)),
    ratings: promised(sqliteRatings(db)),
    syncToDisk: (done) => wal.sync(done),
    close: () => {
      wal.close();
      db.close();
      return Promise.resolve();
    },
  };
  return store;
}
