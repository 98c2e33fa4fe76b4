import { openPostgres, postgresStore } from '../../server/store/postgres/index.js';
import { instant } from '../../shared/time.js';
import { benchGroup, benchSessionLog, createBenchAccounts, type BenchSession } from '../seed.js';

/** Sessions written at once: enough to keep the seeder's connections busy. */
const IN_FLIGHT = 16;

/**
 * The PostgreSQL twin of bench/seed.ts's seeder: the same accounts (through better-auth on the
 * database) and the same sessions, written through the PostgreSQL stores as the command pipeline
 * would have left them, before any Holdspace process starts on the database. Seeding is set-up,
 * not the thing measured, so this seeder's own connections commit with `synchronous_commit` off
 * (as the SQLite seeder turns `synchronous` off on its connection); the servers keep it on.
 */
export async function seedPostgres(url: string, counts: { leads: number; cos: number }, sessions: number) {
  const unsynced = new URL(url);
  unsynced.searchParams.set('options', '-c synchronous_commit=off');
  const pool = await openPostgres(unsynced.toString(), 4);
  try {
    const accounts = await createBenchAccounts({ kind: 'postgres', pool }, counts.leads, counts.cos);
    const store = postgresStore(pool);
    const at = Date.now() - 60_000;
    const addOne = async (n: number): Promise<BenchSession> => {
      const group = benchGroup(n, accounts);
      await store.groups.create(group.id, group.leadId, group.write, instant(at));
      const seats = (await store.groups.members(group.id)).map((m) => m.id);
      const { row, commits } = benchSessionLog(n, group, seats, at, 0);
      await store.sessions.create(row);
      for (const commit of commits) await store.sessions.commit(commit);
      return { id: row.id, lead: group.lead, co: group.co, members: seats };
    };
    const made: BenchSession[] = [];
    for (let i = 0; i < sessions; i += IN_FLIGHT)
      made.push(...(await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, sessions - i) }, (_, k) => addOne(i + k)))));
    return { accounts, sessions: made };
  } finally {
    await pool.end();
  }
}
