import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PHASE_MINUTES } from '../../shared/phases.js';
import type { SessionEvent } from '../../shared/session/events.js';
import { instant } from '../../shared/time.js';
import { persist, plannedSession, savedSnapshot, snapshotDue, initialSnapshot, type SessionSnapshot } from '../../server/live/snapshot.js';
import { restore } from '../../server/live/restore.js';
import { step } from '../../server/live/step.js';
import { postgresGroups } from '../../server/store/postgres/groups.js';
import { openPostgres } from '../../server/store/postgres/index.js';
import { postgresLive } from '../../server/store/postgres/live.js';
import { insertSession } from '../../server/store/postgres/sessions.js';
import type { Commit, LiveStore, SessionRow } from '../../server/store/types.js';
import { freshDatabase } from '../support/postgres.js';
import { CONTRACT_GROUP, openSqliteLive } from './sqlite-live.js';

/**
 * One contract, two stores: the live core's store over SQLite (what Holdspace runs on) and over
 * PostgreSQL (the scale-out, docs/decisions/013-scale-out.md). Each case runs against both, on
 * real databases; the Postgres one is a throwaway server this worker starts, or the server of
 * HOLDSPACE_TEST_DATABASE_URL (test/support/postgres.ts).
 */
interface Engine {
  live: LiveStore;
  /** Another writer on the same database, as a second process would be. */
  secondWriter(): Promise<LiveStore>;
  create(row: SessionRow): Promise<void>;
  close(): Promise<void>;
}

const ENGINES: { name: string; open: () => Promise<Engine> }[] = [
  { name: 'SQLite', open: openSqliteLive },
  {
    name: 'PostgreSQL',
    open: async () => {
      const database = await freshDatabase();
      const pools: pg.Pool[] = [await openPostgres(database.url)];
      return {
        live: postgresLive(pools[0]!),
        secondWriter: async () => {
          pools.push(await openPostgres(database.url));
          return postgresLive(pools.at(-1)!);
        },
        create: async (row) => {
          // A session's group must exist (its foreign key), as on SQLite (./sqlite-live.ts).
          await postgresGroups(pools[0]!).create(row.groupId, row.leadId, CONTRACT_GROUP, row.createdAt);
          await insertSession(pools[0]!, row);
        },
        close: async () => {
          await Promise.all(pools.map((pool) => pool.end()));
          await database.drop();
        },
      };
    },
  },
];

const LEAD = 'lead-1';
const SEATS = ['member-a', 'member-b', 'member-c', 'member-d'];
const START = 1_765_000_000_000;

/** A planned session: in the lobby at version 0. */
const planned = () =>
  plannedSession({
    groupId: randomUUID(),
    leadId: LEAD,
    coFacilitatorId: null,
    plan: { phaseMinutes: { ...DEFAULT_PHASE_MINUTES }, turnAllotmentSeconds: 120, skill: null },
    seats: SEATS,
    createdAt: instant(START),
  });

/** Real commands the machine takes, in order: attendance, start, then the floor and the queue. */
function commands(count: number): Record<string, unknown>[] {
  const opening = [...SEATS.map((memberId) => ({ type: 'attendance.mark', memberId, mark: 'present' })), { type: 'session.start' }];
  const turn = (i: number) =>
    (i - opening.length) % 2 === 0 ? { type: 'queue.add', memberId: SEATS[1] } : { type: 'queue.remove', memberId: SEATS[1] };
  return Array.from({ length: count }, (_, i) => opening[i] ?? turn(i));
}

/**
 * Builds a session's commits as the live core does: each on the state the one before left, with
 * the snapshot when it is due (server/live/snapshot.ts).
 */
function history(row: SessionRow, count: number, from: { version: number; snapshot: SessionSnapshot; savedVersion: number }) {
  let { snapshot, savedVersion } = from;
  const commits: Commit[] = [];
  for (const [i, command] of commands(count).entries()) {
    const version = from.version + i + 1;
    const at = instant(START + version * 1000);
    const event = { ...command, at, actor: LEAD } as SessionEvent;
    const next = step(snapshot, event);
    if (next === snapshot) throw new Error(`the machine refused ${String(command.type)}`);
    const due = snapshotDue({ version, savedVersion, statusBefore: status(snapshot), statusAfter: status(next) });
    if (due) savedVersion = version;
    commits.push({
      entry: { sessionId: row.id, version, at, actorId: LEAD, commandId: `c-${row.id}-${version}`, event },
      saved: due ? savedSnapshot(next) : null,
    });
    snapshot = next;
  }
  return { commits, snapshot };
}
const status = (snapshot: SessionSnapshot) => savedSnapshot(snapshot).status;

/** Every append's outcome, in the order they were made: 'written' or the error's message. */
const outcomes = (appends: Promise<void>[]) =>
  Promise.all(
    appends.map((append) =>
      append.then(
        () => 'written',
        (error: Error) => error.message,
      ),
    ),
  );

describe.each(ENGINES)('the $name LiveStore', ({ open }) => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await open();
  }, 120_000);
  afterAll(() => engine?.close());

  const newSession = async () => {
    const row = planned();
    await engine.create(row);
    return row;
  };

  it('[P10] appends made in one turn are written in the order made, each version one after the last', async () => {
    const rows = await Promise.all([newSession(), newSession(), newSession()]);
    const built = rows.map((row) => history(row, 20, { version: 0, snapshot: initialSnapshot(row), savedVersion: 0 }).commits);
    // Interleaved as three sessions' screens would send them, all in one turn of the event loop.
    const appends = built[0]!.flatMap((_, i) => built.map((commits) => engine.live.append(commits[i]!)));
    expect(new Set(await outcomes(appends))).toEqual(new Set(['written']));
    for (const [k, row] of rows.entries()) {
      const log = await engine.live.logAfter(row.id, 0);
      expect(log.map((e) => e.version)).toEqual(built[k]!.map((c) => c.entry.version));
      expect(log.map((e) => e.commandId)).toEqual(built[k]!.map((c) => c.entry.commandId));
      expect(new Set(await engine.live.commandIds(row.id))).toEqual(new Set(log.map((e) => e.commandId)));
      expect((await engine.live.lastEntry(row.id))?.version).toBe(20);
      expect((await engine.live.read(row.id))?.version).toBe(20);
    }
    // Asked in one turn, as the first commands of every session after a takeover ask them: each
    // session gets its own ids, and one with an empty log none.
    const empty = await newSession();
    const asked = await Promise.all([...rows, empty].map((row) => engine.live.commandIds(row.id)));
    expect(asked.map((ids) => new Set(ids))).toEqual([
      ...built.map((commits) => new Set(commits.map((c) => c.entry.commandId))),
      new Set(),
    ]);
  });

  it('[P16] the stored state equals the replay of the log, and a restore from snapshot plus tail equals both', async () => {
    const row = await newSession();
    const { commits, snapshot } = history(row, 40, { version: 0, snapshot: initialSnapshot(row), savedVersion: 0 });
    await Promise.all(commits.map((commit) => engine.live.append(commit)));
    const stored = (await engine.live.read(row.id))!;
    expect(stored.status).toBe('live');
    expect(stored.snapshotVersion).toBeLessThan(40); // the row's snapshot is older: a tail is applied
    const fromSnapshot = await restore(stored, (after) => engine.live.logAfter(row.id, after));
    expect(fromSnapshot).toMatchObject({ applied: 40 - stored.snapshotVersion, stale: false });
    const replayed = await restore({ ...stored, machineVersion: 'older-machine' }, (after) => engine.live.logAfter(row.id, after));
    expect(replayed).toMatchObject({ applied: 40, stale: true });
    expect(persist(fromSnapshot.snapshot)).toBe(persist(snapshot));
    expect(persist(replayed.snapshot)).toBe(persist(snapshot));

    // The restore's snapshot saved: the row holds it, the log is untouched, and an older one never replaces it.
    await engine.live.saveSnapshots([{ id: row.id, version: 40, snapshot: persist(snapshot), machineVersion: stored.machineVersion }]);
    await engine.live.saveSnapshots([{ id: row.id, version: 20, snapshot: '{"stale":true}', machineVersion: stored.machineVersion }]);
    const saved = (await engine.live.read(row.id))!;
    expect({ snapshotVersion: saved.snapshotVersion, version: saved.version, snapshot: saved.snapshot }).toEqual({
      snapshotVersion: 40,
      version: 40,
      snapshot: persist(snapshot),
    });
    expect(await engine.live.logAfter(row.id, 0)).toHaveLength(40);
    expect((await engine.live.listOpen()).map((r) => r.id)).toContain(row.id);
  });

  it('[P14] an append is written whole or not at all: an entry whose snapshot is refused leaves neither', async () => {
    const row = await newSession();
    const { commits } = history(row, 5, { version: 0, snapshot: initialSnapshot(row), savedVersion: 0 });
    await Promise.all(commits.slice(0, 4).map((commit) => engine.live.append(commit)));
    // Another writer saved a newer snapshot: the entry at 5 comes with an older one and is refused whole.
    await engine.live.saveSnapshots([{ id: row.id, version: 9, snapshot: '{"newer":true}', machineVersion: 'x' }]);
    const fifth = commits[4]!;
    await expect(engine.live.append({ ...fifth, saved: fifth.saved ?? savedSnapshot(initialSnapshot(row)) })).rejects.toThrow();
    expect((await engine.live.lastEntry(row.id))?.version).toBe(4);
    expect(await engine.live.findCommand(row.id, fifth.entry.commandId)).toBeNull();
    expect(await engine.live.commandIds(row.id)).not.toContain(fifth.entry.commandId);
    expect((await engine.live.read(row.id))?.snapshot).toBe('{"newer":true}');
  });

  it('[P26] an append built on one that failed is refused too, in the same turn or later, so the log has no gap', async () => {
    const row = await newSession();
    const { commits } = history(row, 8, { version: 0, snapshot: initialSnapshot(row), savedVersion: 0 });
    await Promise.all(commits.slice(0, 3).map((commit) => engine.live.append(commit)));
    // Version 4 fails: its event cannot be written (JSON has no BigInt).
    const failing = {
      ...commits[3]!,
      entry: { ...commits[3]!.entry, event: { ...commits[3]!.entry.event, size: 1n } as unknown as SessionEvent },
    };
    const sameTurn = [failing, commits[4]!, commits[5]!].map((commit) => engine.live.append(commit));
    const results = await outcomes(sameTurn);
    expect(results.filter((r) => r === 'written')).toEqual([]);
    await expect(engine.live.append(commits[6]!)).rejects.toThrow();
    expect((await engine.live.logAfter(row.id, 0)).map((e) => e.version)).toEqual([1, 2, 3]);

    // Read back as the disk has it, the session goes on from version 3 with the command that failed.
    const stored = (await engine.live.read(row.id))!;
    expect(stored.version).toBe(3);
    await engine.live.append(commits[3]!);
    expect((await engine.live.lastEntry(row.id))?.commandId).toBe(commits[3]!.entry.commandId);
  });

  it('[D26] a second writer on the same database: its stale entry fails on the key, and the log never forks', async () => {
    const { row, mine, theirs } = await lostRace(engine);
    await engine.live.append(mine);
    await expect((await engine.secondWriter()).append(theirs)).rejects.toThrow();
    const log = await engine.live.logAfter(row.id, 0);
    expect(log.map((e) => e.version)).toEqual([1, 2, 3, 4]);
    expect(log.map((e) => e.commandId)).not.toContain(theirs.entry.commandId);
  });
});

/**
 * Only where several processes write one database. SQLite's store has one writer process by design
 * (docs/decisions/004-sqlite-durability.md): its trigger checks only that the previous version
 * exists, so a second writer's entry built on its own lost race would be taken on top of the
 * winner's. The PostgreSQL store refuses it (server/store/postgres/group-commit.ts).
 */
describe('the PostgreSQL LiveStore with several writers', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await ENGINES[1]!.open();
  }, 120_000);
  afterAll(() => engine?.close());

  it('[D26] an entry a stale writer built on its lost race is refused too, until it reads the session back', async () => {
    const { row, mine, theirs, theirNext, next } = await lostRace(engine);
    const other = await engine.secondWriter();
    await engine.live.append(mine);
    await expect(other.append(theirs)).rejects.toThrow();
    await expect(other.append(theirNext)).rejects.toThrow(/built on an entry that was not written/);
    expect(await engine.live.findCommand(row.id, theirNext.entry.commandId)).toBeNull();

    // Read back as the winner left it, the stale writer builds on the winner's 4: one history still.
    expect((await other.read(row.id))?.version).toBe(4);
    await other.append(next);
    expect((await engine.live.logAfter(row.id, 0)).map((e) => e.version)).toEqual([1, 2, 3, 4, 5]);
  });
});

/**
 * A session at version 3; both writers build version 4 on it, and the stale one a 5 on its own 4.
 * `next` is the 5 built on the winner's 4.
 */
async function lostRace(engine: Engine) {
  const row = planned();
  await engine.create(row);
  const { commits } = history(row, 5, { version: 0, snapshot: initialSnapshot(row), savedVersion: 0 });
  await Promise.all(commits.slice(0, 3).map((commit) => engine.live.append(commit)));
  const mine = commits[3]!;
  const theirs = { ...mine, entry: { ...mine.entry, commandId: 'stale-writer-4', at: instant(mine.entry.at + 1) } };
  const theirNext = { ...commits[4]!, entry: { ...commits[4]!.entry, commandId: 'stale-writer-5' } };
  return { row, mine, theirs, theirNext, next: commits[4]! };
}
