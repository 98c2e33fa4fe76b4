import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PHASE_MINUTES } from '../../shared/phases.js';
import type { SessionEvent } from '../../shared/session/events.js';
import { instant } from '../../shared/time.js';
import { createOwnership, type Ownership } from '../../server/cluster/ownership.js';
import { plannedSession } from '../../server/live/snapshot.js';
import { postgresGroups } from '../../server/store/postgres/groups.js';
import { openPostgres } from '../../server/store/postgres/index.js';
import { postgresLive, type AppendingAs } from '../../server/store/postgres/live.js';
import { insertSession } from '../../server/store/postgres/sessions.js';
import type { Commit, SessionRow } from '../../server/store/types.js';
import { freshDatabase, type TestDatabase } from '../support/postgres.js';
import { CONTRACT_GROUP } from './sqlite-live.js';

/**
 * The store's fence between processes (schema step 9, docs/protocol.md P58): a node appends only
 * to sessions whose owner row names its epoch, and a claim waits for an append already holding
 * that row. Two nodes in this process on pools of their own, on a real PostgreSQL.
 */
describe('appends between nodes', () => {
  let database: TestDatabase;
  let pools: pg.Pool[];
  const started: Ownership[] = [];
  beforeAll(async () => {
    database = await freshDatabase();
    pools = [await openPostgres(database.url), await openPostgres(database.url)];
  }, 120_000);
  afterEach(async () => {
    await Promise.all(started.splice(0).map((node) => node.close()));
  });
  afterAll(async () => {
    await Promise.all((pools ?? []).map((pool) => pool.end()));
    await database?.drop();
  });

  async function node(name: string, pool: pg.Pool): Promise<Ownership> {
    const ownership = createOwnership({ pool, url: `http://${name}.test`, ttlMs: 2_000, nodeId: `${name}-${randomUUID()}` });
    started.push(ownership);
    await ownership.register();
    return ownership;
  }
  const as = (ownership: Ownership): AppendingAs => ownership.registration;
  async function newSession(): Promise<SessionRow> {
    const groupId = randomUUID();
    await postgresGroups(pools[0]!).create(groupId, 'lead', CONTRACT_GROUP, instant(0));
    const plan = { phaseMinutes: { ...DEFAULT_PHASE_MINUTES }, turnAllotmentSeconds: 120, skill: null };
    const row = plannedSession({ groupId, leadId: 'lead', coFacilitatorId: null, plan, seats: ['m'], createdAt: instant(0) });
    await insertSession(pools[0]!, row);
    return row;
  }
  const commit = (row: SessionRow, version: number, by: string): Commit => {
    const at = instant(1_765_000_000_000 + version);
    const event = { type: 'queue.add', memberId: 'm', at, actor: row.leadId } as unknown as SessionEvent;
    return { entry: { sessionId: row.id, version, at, actorId: row.leadId, commandId: `${by}-${version}`, event }, saved: null };
  };
  const outcome = (append: Promise<void>) =>
    append.then(
      () => 'written',
      (error: Error) => error.message,
    );
  const commandIds = async (row: SessionRow) => (await postgresLive(pools[0]!).logAfter(row.id, 0)).map((e) => e.commandId);
  /** Claims until won: a closed node's lock is gone once the server has seen its connection end. */
  async function claimed(ownership: Ownership, sessionId: string): Promise<void> {
    for (let tries = 0; !(await ownership.claim(sessionId)).owned; tries++) {
      if (tries === 100) throw new Error(`${sessionId} was never free`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('[P58] a node appends only to sessions it owns under its current epoch; a group is refused only for those', async () => {
    const [a, b] = [await node('a', pools[0]!), await node('b', pools[1]!)];
    const [mine, theirs] = [await newSession(), await newSession()];
    await claimed(a, mine.id);
    await claimed(b, theirs.id);
    const [liveA, liveB] = [postgresLive(pools[0]!, as(a)), postgresLive(pools[1]!, as(b))];

    // One turn, one group: a's own entry is written, the one into b's session refused.
    expect(await Promise.all([outcome(liveA.append(commit(mine, 1, 'a'))), outcome(liveA.append(commit(theirs, 1, 'a')))])).toEqual([
      'written',
      expect.stringMatching(/no longer owns a session/),
    ]);
    expect(await outcome(liveB.append(commit(theirs, 1, 'b')))).toBe('written');
    expect(await commandIds(theirs)).toEqual(['b-1']);

    // a is gone; b takes its session over. What a still had to send is refused, b's is written.
    const was = as(a)();
    await a.close();
    await claimed(b, mine.id);
    const stale = postgresLive(pools[0]!, () => was);
    expect(await outcome(stale.append(commit(mine, 2, 'a')))).toMatch(/no longer owns a session/);
    expect(await outcome(liveB.append(commit(mine, 2, 'b')))).toBe('written');
    expect(await commandIds(mine)).toEqual(['a-1', 'b-2']);

    // Not registered at all: nothing is sent.
    expect(await outcome(postgresLive(pools[0]!, () => null).append(commit(mine, 3, 'x')))).toMatch(/not registered/);
    expect(await commandIds(mine)).toEqual(['a-1', 'b-2']);
  });

  it('[P58] a claim waits for the owner’s append already under way, then reads the log with that entry in it', async () => {
    const [a, b] = [await node('a', pools[0]!), await node('b', pools[1]!)];
    const row = await newSession();
    await claimed(a, row.id);
    const epoch = a.epoch()!;
    // a's append, sent before a froze: in the database, not yet committed.
    const frozen = new pg.Client(pools[0]!.options);
    await frozen.connect();
    try {
      await frozen.query('BEGIN');
      await frozen.query('SELECT append_owned_entries($1, $2, $3, $4)', [
        a.nodeId,
        epoch,
        JSON.stringify([{ session_id: row.id, version: 1, at: 1, actor_id: 'lead', command_id: 'a-1', event: '{}' }]),
        '[]',
      ]);
      await a.close();
      const claim = claimed(b, row.id);
      const waited = await Promise.race([claim.then(() => 'claimed'), new Promise((resolve) => setTimeout(resolve, 500, 'waiting'))]);
      expect(waited).toBe('waiting');
      await frozen.query('COMMIT');
      await claim;
    } finally {
      await frozen.end();
    }
    // The new owner reads the session with a's entry in it and builds on it; an entry of its own
    // at 1 would fail on the key.
    const liveB = postgresLive(pools[1]!, as(b));
    expect(await outcome(liveB.append(commit(row, 1, 'b')))).toMatch(/duplicate key/);
    expect((await liveB.read(row.id))?.version).toBe(1);
    expect(await outcome(liveB.append(commit(row, 2, 'b')))).toBe('written');
    expect(await commandIds(row)).toEqual(['a-1', 'b-2']);
  });
});
