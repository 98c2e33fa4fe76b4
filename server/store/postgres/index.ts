import pg from 'pg';
import type { Store } from '../types.js';
import { postgresAudit } from './audit.js';
import { postgresGroups } from './groups.js';
import { postgresInvites } from './invites.js';
import { postgresLive, type AppendingAs } from './live.js';
import { migrate } from './migrations.js';
import { postgresPrivacy } from './privacy.js';
import { postgresProgressNotes } from './progress-notes.js';
import { postgresRatings } from './ratings.js';
import { postgresReviewers } from './reviewers.js';
import { postgresReviews } from './reviews.js';
import { postgresSessions } from './sessions.js';
import { postgresSettings } from './settings.js';
import { postgresSignIns } from './sign-ins.js';
import { postgresUsers } from './users.js';

/**
 * A pool on the database at `url`, migrated. Small: the live path keeps one group commit out at a
 * time and reads beside it. An idle connection that breaks (the server restarted) is dropped by
 * the pool and the next query opens another; its error is not the caller's, so it is not thrown.
 */
export async function openPostgres(url: string, connections = 4): Promise<pg.Pool> {
  const pool = new pg.Pool({ connectionString: url, max: connections });
  pool.on('error', () => {});
  // A connection ended under a client that is checked out (the adapter's LISTEN, a transaction
  // between two statements; PostgreSQL restarting) emits 'error' on that client: without a
  // listener, Node ends the process. The failure reaches its caller as a rejected query anyway.
  pool.on('connect', (client) => client.on('error', () => {}));
  try {
    await migrate(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return pool;
}

/**
 * The whole store over a migrated pool (`openPostgres`); `appendingAs`, a node's registration when
 * processes share it (./live.ts). A commit is durable when PostgreSQL
 * answers it (`synchronous_commit` on), so `syncToDisk` has nothing left to wait for.
 */
export function postgresStore(pool: pg.Pool, appendingAs?: AppendingAs): Store {
  return {
    users: postgresUsers(pool),
    groups: postgresGroups(pool),
    sessions: postgresSessions(pool),
    live: postgresLive(pool, appendingAs),
    settings: postgresSettings(pool),
    invites: postgresInvites(pool),
    signIns: postgresSignIns(pool),
    audit: postgresAudit(pool),
    privacy: postgresPrivacy(pool),
    reviews: postgresReviews(pool),
    reviewers: postgresReviewers(pool),
    progressNotes: postgresProgressNotes(pool),
    ratings: postgresRatings(pool),
    syncToDisk: (done) => done(null),
    close: () => pool.end(),
  };
}
