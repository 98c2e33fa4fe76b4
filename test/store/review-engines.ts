import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { DEFAULT_PHASE_MINUTES } from '../../shared/phases.js';
import { instant } from '../../shared/time.js';
import { plannedSession } from '../../server/live/snapshot.js';
import { createAuth, migrateAuth } from '../../server/auth/auth.js';
import { postgresAudit } from '../../server/store/postgres/audit.js';
import { openPostgres } from '../../server/store/postgres/index.js';
import { postgresGroups } from '../../server/store/postgres/groups.js';
import { postgresProgressNotes } from '../../server/store/postgres/progress-notes.js';
import { postgresRatings } from '../../server/store/postgres/ratings.js';
import { postgresReviewers } from '../../server/store/postgres/reviewers.js';
import { postgresReviews } from '../../server/store/postgres/reviews.js';
import { insertSession } from '../../server/store/postgres/sessions.js';
import { inTransaction } from '../../server/store/postgres/transaction.js';
import { sqliteStore } from '../../server/store/sqlite/index.js';
import { openDatabase } from '../../server/store/sqlite/open.js';
import type { AuditStore, ProgressNoteStore, RatingStore, ReviewerStore, ReviewStore, SessionRow } from '../../server/store/types.js';
import { freshDatabase } from '../support/postgres.js';
import { CONTRACT_GROUP } from './sqlite-live.js';

/**
 * The clinical record's stores on both engines, for the contract both are held to
 * (./record-contract.test.ts, ./rating-contract.test.ts): SQLite in a fresh file, PostgreSQL in a
 * fresh database of the worker's own server (test/support/postgres.ts). Besides the stores, each
 * engine runs plain SQL (`?` marks its values), so a test can try what no store method does:
 * edit an append-only row, or purge a session as the retention purge does.
 */
export interface ReviewEngine {
  reviews: ReviewStore;
  reviewers: ReviewerStore;
  progressNotes: ProgressNoteStore;
  ratings: RatingStore;
  audit: AuditStore;
  /** A group (SQLite's group_reviewers and sessions need one) with a session in it, in `status`. */
  newSession(status?: 'lobby' | 'ended'): Promise<SessionRow>;
  newGroup(): Promise<string>;
  /** An account the audit log can name its actor from. */
  newUser(name: string): Promise<string>;
  /** Runs the statements in one transaction. */
  exec(...statements: [sql: string, values?: unknown[]][]): Promise<void>;
  /** Every audit insert fails until the returned function is called. */
  refuseAudit(): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

const START = 1_765_000_000_000;

const sessionIn = (groupId: string, status: 'lobby' | 'ended'): SessionRow => ({
  ...plannedSession({
    groupId,
    leadId: 'lead-1',
    coFacilitatorId: null,
    plan: { phaseMinutes: { ...DEFAULT_PHASE_MINUTES }, turnAllotmentSeconds: 120, skill: null },
    seats: ['member-a', 'member-b'],
    createdAt: instant(START),
  }),
  status,
  endedAt: status === 'ended' ? instant(START + 3_600_000) : null,
});

async function openSqlite(): Promise<ReviewEngine> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holdspace-record-contract-'));
  process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  const db = openDatabase(dir);
  await migrateAuth(createAuth({ kind: 'sqlite', db }, 'contract-test-secret-long-enough-for-better-auth', null));
  const store = sqliteStore(db);
  const newGroup = async () => {
    const group = await store.groups.create(randomUUID(), 'lead-1', CONTRACT_GROUP, instant(START));
    return group.id;
  };
  return {
    ...store,
    newGroup,
    newSession: async (status = 'lobby') => {
      const row = sessionIn(await newGroup(), status);
      await store.sessions.create(row);
      return row;
    },
    newUser: async (name) => {
      const id = randomUUID();
      db.prepare(`INSERT INTO "user" (id, name, email, emailVerified, createdAt, updatedAt) VALUES (?, ?, ?, 0, ?, ?)`).run(
        id,
        name,
        `${id}@example.test`,
        new Date(START).toISOString(),
        new Date(START).toISOString(),
      );
      return id;
    },
    exec: async (...statements) => {
      db.transaction(() => {
        for (const [sql, values = []] of statements) db.prepare(sql).run(...values);
      })();
    },
    refuseAudit: async () => {
      db.exec(`CREATE TRIGGER audit_refused BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'audit refused'); END`);
      return async () => {
        db.exec('DROP TRIGGER audit_refused');
      };
    },
    close: async () => {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A group of its own on PostgreSQL (a session's foreign key wants one). */
async function postgresGroup(pool: pg.Pool): Promise<string> {
  const group = await postgresGroups(pool).create(randomUUID(), 'lead-1', CONTRACT_GROUP, instant(START));
  return group.id;
}

/** A session of a group of its own on PostgreSQL. */
export async function postgresSession(pool: pg.Pool, status: 'lobby' | 'ended' = 'lobby'): Promise<SessionRow> {
  const row = sessionIn(await postgresGroup(pool), status);
  await insertSession(pool, row);
  return row;
}

/** `?` marks as PostgreSQL's numbered parameters. */
const numbered = (sql: string) => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

async function openPostgresEngine(): Promise<ReviewEngine> {
  const database = await freshDatabase();
  const pool: pg.Pool = await openPostgres(database.url);
  // The audit log names its actor from better-auth's table, which comes with the accounts' step:
  // a minimal one until then.
  await pool.query('CREATE TABLE IF NOT EXISTS "user" (id text PRIMARY KEY, name text)');
  return {
    reviews: postgresReviews(pool),
    reviewers: postgresReviewers(pool),
    progressNotes: postgresProgressNotes(pool),
    ratings: postgresRatings(pool),
    audit: postgresAudit(pool),
    newGroup: () => postgresGroup(pool),
    newSession: (status) => postgresSession(pool, status),
    newUser: async (name) => {
      const id = randomUUID();
      await pool.query('INSERT INTO "user" (id, name) VALUES ($1, $2)', [id, name]);
      return id;
    },
    exec: (...statements) =>
      inTransaction(pool, async (client) => {
        for (const [sql, values = []] of statements) await client.query(numbered(sql), values);
      }),
    refuseAudit: async () => {
      await pool.query('ALTER TABLE audit_log ADD CONSTRAINT audit_refused CHECK (false) NOT VALID');
      return async () => {
        await pool.query('ALTER TABLE audit_log DROP CONSTRAINT audit_refused');
      };
    },
    close: async () => {
      await pool.end();
      await database.drop();
    },
  };
}

export const REVIEW_ENGINES: { name: string; open: () => Promise<ReviewEngine> }[] = [
  { name: 'SQLite', open: openSqlite },
  { name: 'PostgreSQL', open: openPostgresEngine },
];
