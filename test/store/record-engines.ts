import { initialSnapshot, plannedSession, savedSnapshot } from '../../server/live/snapshot.js';
import { step } from '../../server/live/step.js';
import { postgresAudit } from '../../server/store/postgres/audit.js';
import { postgresGroups } from '../../server/store/postgres/groups.js';
import { openPostgres } from '../../server/store/postgres/index.js';
import { postgresPrivacy } from '../../server/store/postgres/privacy.js';
import { postgresSessions } from '../../server/store/postgres/sessions.js';
import type { AuditStore, GroupStore, PrivacyStore, SessionRow, SessionStore } from '../../server/store/types.js';
import { DEFAULT_PHASE_MINUTES } from '../../shared/phases.js';
import type { SessionEvent } from '../../shared/session/events.js';
import { instant, type Instant } from '../../shared/time.js';
import { freshDatabase } from '../support/postgres.js';
import { openSqliteContract } from './sqlite-live.js';

/**
 * The record's stores on both engines, for the contracts of groups, sessions and privacy
 * (./groups-contract.test.ts, ./privacy-contract.test.ts): SQLite's store on a fresh file, and
 * PostgreSQL's on a fresh database. `rows` runs SQL on the database itself, as someone with the
 * file or a connection would ($1, $2… for values, in order, on both).
 */
export interface RecordEngine {
  groups: GroupStore;
  sessions: SessionStore;
  privacy: PrivacyStore;
  audit: AuditStore;
  rows<T>(sql: string, values?: unknown[]): Promise<T[]>;
  /** The privacy store of another connection to the same database, as another node's. */
  otherNode(): Promise<PrivacyStore>;
  close(): Promise<void>;
}

export const RECORD_ENGINES: { name: string; open: () => Promise<RecordEngine> }[] = [
  {
    name: 'SQLite',
    open: async () => {
      const { db, store, reopen, close } = await openSqliteContract();
      return {
        ...store,
        otherNode: async () => reopen().privacy,
        rows: async <T>(sql: string, values: unknown[] = []) => {
          const statement = db.prepare(sql.replace(/\$\d+/g, '?'));
          if (statement.reader) return statement.all(...values) as T[];
          statement.run(...values);
          return [];
        },
        close,
      };
    },
  },
  {
    name: 'PostgreSQL',
    open: async () => {
      const database = await freshDatabase();
      const pools = [await openPostgres(database.url)];
      const pool = pools[0]!;
      // The audit copies the actor's name from better-auth's table; a stand-in until the accounts' step brings it.
      await pool.query('CREATE TABLE IF NOT EXISTS "user" (id text PRIMARY KEY, name text)');
      return {
        groups: postgresGroups(pool),
        sessions: postgresSessions(pool),
        privacy: postgresPrivacy(pool),
        audit: postgresAudit(pool),
        rows: async <T>(sql: string, values: unknown[] = []) => (await pool.query(sql, values)).rows as T[],
        otherNode: async () => {
          pools.push(await openPostgres(database.url));
          return postgresPrivacy(pools.at(-1)!);
        },
        close: async () => {
          await Promise.all(pools.map((p) => p.end()));
          await database.drop();
        },
      };
    },
  },
];

/** A planned session of the group, seating `seats`. */
export const planSession = (groupId: string, leadId: string, seats: string[], createdAt: Instant, coFacilitatorId: string | null = null) =>
  plannedSession({
    groupId,
    leadId,
    coFacilitatorId,
    plan: { phaseMinutes: { ...DEFAULT_PHASE_MINUTES }, turnAllotmentSeconds: 120, skill: null },
    seats,
    createdAt,
  });

/**
 * Creates the session and runs it through the real machine, committing each command as seeding
 * does: everyone present, started, and ended when `end` — the entry `n` at `from + n` seconds, the
 * snapshot saved with each change of status. Returns how many entries the log has.
 */
export async function runSession(sessions: SessionStore, row: SessionRow, from: number, end = true): Promise<number> {
  await sessions.create(row);
  const commands = [
    ...row.seats.map((memberId) => ({ type: 'attendance.mark', memberId, mark: 'present' })),
    { type: 'session.start' },
    ...(end ? [{ type: 'session.end' }] : []),
  ];
  let snapshot = initialSnapshot(row);
  for (const [i, command] of commands.entries()) {
    const version = i + 1;
    const at = instant(from + version * 1000);
    const event = { ...command, at, actor: row.leadId } as SessionEvent;
    const next = step(snapshot, event);
    if (next === snapshot) throw new Error(`the machine refused ${command.type}`);
    const saved = savedSnapshot(next);
    const changed = saved.status !== savedSnapshot(snapshot).status;
    const entry = { sessionId: row.id, version, at, actorId: row.leadId, commandId: `c-${version}`, event };
    await sessions.commit({ entry, saved: changed ? saved : null });
    snapshot = next;
  }
  return commands.length;
}
