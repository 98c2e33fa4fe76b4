import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PHASE_MINUTES } from '../../shared/phases.js';
import type { SessionEvent } from '../../shared/session/events.js';
import { instant } from '../../shared/time.js';
import { plannedSession } from '../../server/live/snapshot.js';
import { openPostgres } from '../../server/store/postgres/index.js';
import { postgresLive } from '../../server/store/postgres/live.js';
import { insertSession } from '../../server/store/postgres/sessions.js';
import { postgresGroups } from '../../server/store/postgres/groups.js';
import { CONTRACT_GROUP } from './sqlite-live.js';
import type { Commit, SessionRow } from '../../server/store/types.js';
import { freshDatabase, type TestDatabase } from '../support/postgres.js';

/** The PostgreSQL store's group commit (server/store/postgres/group-commit.ts) on a real server. */
describe('PostgreSQL group commit', () => {
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

  const plan = { phaseMinutes: { ...DEFAULT_PHASE_MINUTES }, turnAllotmentSeconds: 120, skill: null };
  const commit = (row: SessionRow, version: number): Commit => {
    const at = instant(1_765_000_000_000 + version);
    const event = { type: 'queue.add', memberId: row.seats[0], at, actor: row.leadId } as unknown as SessionEvent;
    return { entry: { sessionId: row.id, version, at, actorId: row.leadId, commandId: `c-${version}`, event }, saved: null };
  };

  it('appends made in one turn go to the server as one statement; those made while it is out form the next', async () => {
    const groupId = randomUUID();
    await postgresGroups(pool).create(groupId, 'lead', CONTRACT_GROUP, instant(0));
    const rows = Array.from({ length: 50 }, () =>
      plannedSession({ groupId, leadId: 'lead', coFacilitatorId: null, plan, seats: ['m'], createdAt: instant(0) }),
    );
    for (const row of rows) await insertSession(pool, row);
    const live = postgresLive(pool);
    let statements = 0;
    pool.on('acquire', () => statements++);

    const first = rows.map((row) => live.append(commit(row, 1)));
    // The first group leaves at the end of this turn; these arrive while it is out.
    await new Promise((resolve) => setImmediate(resolve));
    const second = rows.map((row) => live.append(commit(row, 2)));
    await Promise.all([...first, ...second]);

    expect(statements).toBe(2);
    for (const row of rows) expect((await live.logAfter(row.id, 0)).map((e) => e.version)).toEqual([1, 2]);
  });
});
