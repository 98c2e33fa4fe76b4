import { randomUUID } from 'node:crypto';
import { transition } from 'xstate';
import { createAccount, createAuth, migrateAuth } from '../server/auth/auth.js';
import { initialSnapshot, plannedSession, savedSnapshot } from '../server/live/snapshot.js';
import { sqliteGroups } from '../server/store/sqlite/groups.js';
import { openDatabase, prepareSchema } from '../server/store/sqlite/open.js';
import { sqliteSessions } from '../server/store/sqlite/sessions.js';
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
export async function seedAccounts(dataDir: string, leads: number, cos: number): Promise<{ leads: Account[]; cos: Account[] }> {
  const db = openDatabase(dataDir);
  const auth = createAuth({ kind: 'sqlite', db }, BENCH_SECRET, null);
  await migrateAuth(auth);
  const make = async (role: string, i: number) => {
    const email = `${role}${i}@bench.example`;
    const { id } = await createAccount(auth, { name: `${role} ${i}`, email, password: PASSWORD, admin: false });
    return { id, email };
  };
  const result = {
    leads: await Promise.all(Array.from({ length: leads }, (_, i) => make('lead', i))),
    cos: await Promise.all(Array.from({ length: cos }, (_, i) => make('co', i))),
  };
  prepareSchema(db); // our own tables, so a copy of this directory is a complete database
  db.close();
  return result;
}

/**
 * Writes live sessions straight through the store, as the command pipeline would have left them:
 * a group of four, all marked present, the session started and the floor given — each step a
 * real machine transition committed with its log entry. Runs in one transaction with
 * `synchronous = OFF` on this connection only (seeding is set-up, not the thing measured), through
 * SQLite's synchronous stores (the async seam has no transaction to hold them all in).
 */
export function openSeeder(dataDir: string, accounts: { leads: Account[]; cos: Account[] }) {
  const db = openDatabase(dataDir);
  db.pragma('synchronous = OFF');
  prepareSchema(db);
  const store = { groups: sqliteGroups(db), sessions: sqliteSessions(db) };
  let made = 0;

  const addOne = (at: number, tail: number): BenchSession => {
    const n = made++;
    const lead = n % accounts.leads.length;
    const co = n % accounts.cos.length;
    const leadId = accounts.leads[lead]!.id;
    const groupId = randomUUID();
    const group = store.groups.create(
      groupId,
      leadId,
      {
        name: `Bench group ${n}`,
        focus: null,
        billingCode: '90853',
        agreements: '',
        coFacilitatorId: accounts.cos[co]!.id,
        members: ['Sam', 'Ana', 'Kit', 'Jo'].map((name) => ({ name })),
      },
      instant(at),
    );
    const seats = store.groups.members(group.id).map((m) => m.id);
    const plan = { phaseMinutes: { ...DEFAULT_PHASE_MINUTES }, turnAllotmentSeconds: 120, skill: null };
    const row = plannedSession({ groupId, leadId, coFacilitatorId: accounts.cos[co]!.id, plan, seats, createdAt: instant(at) });
    store.sessions.create(row);
    const events: Command[] = [
      ...seats.map((memberId) => ({ type: 'attendance.mark', memberId, mark: 'present' }) as const),
      { type: 'session.start' },
      { type: 'floor.give', memberId: seats[0]! },
    ];
    const saved = events.length;
    // The tail: entries after the last saved snapshot, which a restore applies on top of it.
    for (let i = 0; i < tail; i++) events.push({ type: i % 2 === 0 ? 'queue.add' : 'queue.remove', memberId: seats[1]! });
    let snapshot = initialSnapshot(row);
    events.forEach((command, i) => {
      const event = { ...command, at: instant(at + i), actor: leadId } as SessionEvent;
      snapshot = transition(sessionMachine, snapshot, event)[0];
      store.sessions.commit({
        entry: { sessionId: row.id, version: i + 1, at: event.at, actorId: leadId, commandId: `seed-${n}-${i}`, event },
        saved: i < saved ? savedSnapshot(snapshot) : null,
      });
    });
    return { id: row.id, lead, co, members: seats };
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
