import type { Store } from '../types.js';
import { sqliteGroups } from './groups.js';
import { prepareSchema, type Db } from './open.js';
import { sqliteSessions } from './sessions.js';
import { sqliteUsers } from './users.js';

/** The SQLite store over an open database whose auth tables already exist. */
export function sqliteStore(db: Db): Store {
  prepareSchema(db);
  return {
    users: sqliteUsers(db),
    groups: sqliteGroups(db),
    sessions: sqliteSessions(db),
    close: () => db.close(),
  };
}
