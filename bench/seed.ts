import { randomUUID } from 'node:crypto';
import { transition } from 'xstate';
import { createAccount, createAuth, migrateAuth } from '../server/auth/auth.js';
import { initialSnapshot, plannedSession, savedSnapshot } from '../server/live/snapshot.js';
import { sqliteGroups } from '../server/store/sqlite/groups.js';
import { openDatabase, prepareSchema } from '../server/store/sqlite/open.js';
import { sqliteSessions } from '../server/store/sqlite/sessions.js';
import type { Storage } from '../server/storage.js';
import type { Commit, GroupWrite } from '../server/store/types.js';
import { DEFAULT_PHASE_MINUTES } from '../shared/phases.js';
import type { Command } from '../shared/schemas/commands.js';
import type { SessionEvent } from '../shared/session/events.js';
import { sessionMachine } from '../shared/session/machine.js';
import { instant } from '../shared/time.js';

export const BENCH_SECRET = 'bench-secret-that-is-long-enough-for-better-auth';
export const PASSWORD = 'bench password 12345';

export interface Account {
  id: string;
  email: string;
}

/** A live session the load generator drives: who runs it and the ids of its four members. */
export interface BenchSession {
  id: string;
  lead: number;
  co: number;
  members: string[];
}

/**
 * A handful of accounts, each facilitating many sessions: password hashing makes accounts the
 * slow part of any seeding, and a screen is a socket, not an account.
 */
export async function seedAccounts(dataDir: string, leads: number, cos: number): Promise<BenchAccounts> {
  const db = openDatabase(dataDir);
  const result = await createBenchAccounts({ kind: 'sqlite', db }, leads, cos);
  prepareSchema(db); // our own tables, so a copy of this directory is a complete database
  db.close();
  return result;
}

export type BenchAccounts = { leads: Account[]; cos: Account[] };

/** The accounts through better-auth on either engine (its tables migrated first). */
export async function createBenchAccounts(storage: Storage, leads: number, cos: number): Promise<BenchAccounts> {
  const auth = createAuth(storage, BENCH_SECRET, null);
  await migrateAuth(auth);
  const make = async (role: string, i: number) => {
    const email = `${role}${i}@bench.example`;
    const { id } = await createAccount(auth, { name: `${role} ${i}`, email, password: PASSWORD, admin: false });
    return { id, email };
  };
  return {
    leads: await Promise.all(Array.from({ length: leads }, (_, i) => make('lead', i))),
    cos: await Promise.all(Array.from({ length: cos }, (_, i) => make('co', i))),
  };
}

/** Sessions for the bare server, which keeps no groups or accounts: ids only. */
export const syntheticSessions = (n: number): BenchSession[] =>
  Array.from({ length: n }, () => ({
    id: randomUUID(),
    lead: 0,
    co: 0,
    members: [randomUUID(), randomUUID(), randomUUID(), randomUUID()],
  }));

/** The n-th bench session's group of four, run by one lead and one co-facilitator account in turn. */
export function benchGroup(n: number, accounts: BenchAccounts) {
  const lead = n % accounts.leads.length;
  const co = n % accounts.cos.length;
  const write: GroupWrite = {
    name: `Bench group ${n}`,
    focus: null,
    billingCode: '90853',
    agreements: '',
    coFacilitatorId: accounts.cos[co]!.id,
    members: ['Sam', 'Ana', 'Kit', 'Jo'].map((name) => ({ name })),
  };
  return { id: randomUUID(), lead, co, leadId: accounts.leads[lead]!.id, coId: accounts.cos[co]!.id, write };
}

/**
 * A session of `group` (its members' ids: `seats`) and the commits that take it where the command
 * pipeline would: all marked present, the session started and the floor given — each step a real
 * machine transition, saved with its entry — then `tail` entries after the last saved snapshot,
 * which a restore applies on top of it.
 */
export function benchSessionLog(n: number, group: ReturnType<typeof benchGroup>, seats: string[], at: number, tail: number) {
  const plan = { phaseMinutes: { ...DEFAULT_PHASE_MINUTES }, turnAllotmentSeconds: 120, skill: null };
  const row = plannedSession({ groupId: group.id, leadId: group.leadId, coFacilitatorId: group.coId, plan, seats, createdAt: instant(at) });
  const events: Command[] = [
    ...seats.map((memberId) => ({ type: 'attendance.mark', memberId, mark: 'present' }) as const),
    { type: 'session.start' },
    { type: 'floor.give', memberId: seats[0]! },
  ];
  const saved = events.length;
  for (let i = 0; i < tail; i++) events.push({ type: i % 2 === 0 ? 'queue.add' : 'queue.remove', memberId: seats[1]! });
  let snapshot = initialSnapshot(row);
  const commits: Commit[] = events.map((command, i) => {
    const event = { ...command, at: instant(at + i), actor: group.leadId } as SessionEvent;
    snapshot = transition(sessionMachine, snapshot, event)[0];
    return {
      entry: { sessionId: row.id, version: i + 1, at: event.at, actorId: group.leadId, commandId: `seed-${n}-${i}`, event },
      saved: i < saved ? savedSnapshot(snapshot) : null,
    };
  });
  return { row, commits };
}

/**
 * Writes live sessions straight through the store, as the command pipeline would have left them
 * (`benchSessionLog`). Runs in one transaction with
 * `synchronous = OFF` on this connection only (seeding is set-up, not the thing measured), through
 * SQLite's synchronous stores (the async seam has no transaction to hold them all in).
 */
export function openSeeder(dataDir: string, accounts: BenchAccounts) {
  const db = openDatabase(dataDir);
  db.pragma('synchronous = OFF');
  prepareSchema(db);
  const store = { groups: sqliteGroups(db), sessions: sqliteSessions(db) };
  let made = 0;

  const addOne = (at: number, tail: number): BenchSession => {
    const n = made++;
    const group = benchGroup(n, accounts);
    store.groups.create(group.id, group.leadId, group.write, instant(at));
    const seats = store.groups.members(group.id).map((m) => m.id);
    const { row, commits } = benchSessionLog(n, group, seats, at, tail);
    store.sessions.create(row);
    for (const commit of commits) store.sessions.commit(commit);
    return { id: row.id, lead: group.lead, co: group.co, members: seats };
  };

  return {
    /**
     * `tail`: log entries written after each session's last saved snapshot (a restore's worst
     * case is SNAPSHOT_EVERY − 1).
     */
    addSessions: (count: number, tail = 0): BenchSession[] => {
      const at = Date.now() - 60_000;
      return db.transaction(() => Array.from({ length: count }, () => addOne(at, tail)))();
    },
    /** Marks every session's snapshot as made by another machine version, forcing a replay on start. */
    staleSnapshots: () => db.prepare("UPDATE sessions SET machine_version = 'bench-old'").run(),
    close: () => db.close(),
  };
}
