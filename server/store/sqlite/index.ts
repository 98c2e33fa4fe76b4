import type { Store } from '../types.js';
import { sqliteAudit } from './audit.js';
import { sqliteGroups } from './groups.js';
import { sqliteInvites } from './invites.js';
import { prepareSchema, type Db } from './open.js';
import { sqlitePrivacy } from './privacy.js';
import { sqliteReviewers } from './reviewers.js';
import { sqliteReviews } from './reviews.js';
import { sqliteSessions } from './sessions.js';
import { sqliteSettings } from './settings.js';
import { sqliteSignIns } from './sign-ins.js';
import { sqliteUsers } from './users.js';

/** The SQLite store over an open database whose auth tables already exist. */
export function sqliteStore(db: Db): Store {
  prepareSchema(db);
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
    transaction: (work) => db.transaction(() => work(() => db.inTransaction))(),
    close: () => db.close(),
  };
}
