import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instant } from '../../shared/time.js';
import { openPostgres } from '../../server/store/postgres/index.js';
import { postgresProgressNotes } from '../../server/store/postgres/progress-notes.js';
import type { ProgressNoteVersionRow } from '../../server/store/types.js';
import { freshDatabase, type TestDatabase } from '../support/postgres.js';
import { postgresSession } from './review-engines.js';

/**
 * PostgreSQL's record under races held open by hand: one transaction is stopped before its
 * COMMIT while the store's write runs into it, so the outcome does not hang on timing. The
 * contract both engines keep is in ./record-contract.test.ts.
 */
const AT = 1_765_300_000_000;

const version = (sessionId: string, n: number, plan: string): ProgressNoteVersionRow => ({
  sessionId,
  memberId: 'member-a',
  version: n,
  fields: { presentation: '', participation: '', interventions: '', response: '', plan },
  authorId: 'lead-1',
  savedAt: instant(AT + n),
});

describe('PostgreSQL progress notes under races', () => {
  let database: TestDatabase;
  let pool: pg.Pool;
  beforeAll(async () => {
    database = await freshDatabase();
    pool = await openPostgres(database.url);
  }, 120_000);
  afterAll(async () => {
    await pool?.end();
    await database?.drop();
  });

  const notes = () => postgresProgressNotes(pool);
  const newSession = async () => (await postgresSession(pool, 'ended')).id;

  /** A transaction on a connection of its own, left open until the test ends it. */
  const held = async (statements: [string, unknown[]][]) => {
    const client = await pool.connect();
    await client.query('BEGIN');
    for (const [sql, values] of statements) await client.query(sql, values);
    const end = async (how: 'COMMIT' | 'ROLLBACK') => {
      await client.query(how);
      client.release();
    };
    return { commit: () => end('COMMIT'), rollback: () => end('ROLLBACK') };
  };
  const insertVersion = (row: ProgressNoteVersionRow): [string, unknown[]] => [
    `INSERT INTO progress_note_versions (session_id, member_id, version, fields, author_id, saved_at) VALUES ($1, $2, $3, $4, $5, $6)`,
    [row.sessionId, row.memberId, row.version, JSON.stringify(row.fields), row.authorId, row.savedAt],
  ];

  /** Resolves once a statement of this database waits on a lock: the store's write has run into the held one. */
  const blocked = async () => {
    for (let tries = 0; tries < 1000; tries++) {
      const { rows } = await pool.query<{ n: number }>(
        "SELECT count(*)::integer AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
      );
      if (rows[0]!.n > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error('no statement came to wait on the held transaction');
  };

  it.each([
    { end: 'commit', told: 'stale, and told its version', stored: 'theirs' },
    { end: 'rollback', told: 'stored', stored: 'mine' },
  ] as const)(
    'a save from the version another save is writing waits for it; once that one ends with $end: $told',
    async ({ end, stored }) => {
      const id = await newSession();
      await notes().save(version(id, 1, 'first'));
      const other = await held([insertVersion(version(id, 2, 'theirs'))]);
      const mine = notes().save(version(id, 2, 'mine'));
      await blocked();
      await (end === 'commit' ? other.commit() : other.rollback());
      expect(await mine).toEqual(stored === 'mine' ? { saved: true } : { saved: false, current: version(id, 2, 'theirs') });
      expect(await notes().latest(id)).toEqual([version(id, 2, stored)]);
    },
  );

  it('a save racing the first signature waits for it, then finds the review signed and stores nothing', async () => {
    const id = await newSession();
    await notes().save(version(id, 1, 'first'));
    // The first signature as postgresReviews.sign writes it (server/store/postgres/reviews.ts), stopped before COMMIT.
    const signing = await held([
      ['SELECT 1 FROM sessions WHERE id = $1 FOR UPDATE', [id]],
      ["INSERT INTO review_signatures (session_id, user_id, role, signed_at) VALUES ($1, 'lead-1', 'lead', $2)", [id, AT]],
      ["INSERT INTO review_locks (session_id, locked_at, log_version, log_digest) VALUES ($1, $2, 1, 'digest')", [id, AT]],
    ]);
    const save = notes().save(version(id, 2, 'too late'));
    // Caught before the test awaits it, so an early rejection is not reported as unhandled.
    const outcome = save.then(
      () => 'saved',
      (error: Error) => error.message,
    );
    await blocked();
    await signing.commit();
    expect(await outcome).toBe('a signed note takes addenda only');
    expect(await notes().latest(id)).toEqual([version(id, 1, 'first')]);
  });
});
