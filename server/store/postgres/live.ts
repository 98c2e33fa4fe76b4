import type pg from 'pg';
import { toEntry, toSession, type LogRecord, type SessionRecord } from '../rows.js';
import type { Commit, LiveStore, LogEntry, SavedSnapshot, SessionRow } from '../types.js';
import { batchedRead } from './batched-read.js';
import { groupCommit } from './group-commit.js';
import type { Queryable } from './transaction.js';

/** Session columns as ../rows.ts reads them: `bigint` times cast to numbers (JavaScript's, exact to 2^53 ms). */
const SESSION_COLUMNS = `s.id, s.group_id, s.lead_id, s.co_id, s.plan, s.seats, s.status, s.snapshot_version,
  (SELECT max(l.version) FROM session_log l WHERE l.session_id = s.id) AS log_version, s.snapshot, s.machine_version,
  s.created_at::float8 AS created_at, s.started_at::float8 AS started_at, s.ended_at::float8 AS ended_at`;
const LOG_COLUMNS = 'session_id, version, at::float8 AS at, actor_id, command_id, event';

/**
 * The live core's store over PostgreSQL (docs/decisions/013-scale-out.md), with the contract of
 * SQLite's (../sqlite/live.ts; test/store/live-store-contract.test.ts holds both to it). Reads are
 * single statements on the pool; appends are a group commit, one statement per event-loop turn
 * (./group-commit.ts), through `append_entries` (./migrations.ts). The database is the fence: the
 * log's keys refuse a second writer's entry at a taken version or a repeated command id, and its
 * trigger an entry that does not follow the session's last one.
 */
export function postgresLive(pool: pg.Pool, appendingAs?: AppendingAs): LiveStore {
  const commits = groupCommit({ writeGroup: (group) => writeCommits(pool, group, appendingAs?.()) });

  const sessions = (where: string, values: unknown[]) => selectSessions(pool, where, values);
  const entries = (where: string, values: unknown[]) => selectEntries(pool, where, values);
  // Every new command id is looked up before it is applied: the lookups of one turn are one statement.
  const findCommand = batchedRead<{ sessionId: string; commandId: string }, LogEntry>(
    (k) => `${k.sessionId} ${k.commandId}`,
    async (keys) => {
      const found = await entries(`JOIN unnest($1::text[], $2::text[]) AS k (sid, cid) ON session_id = k.sid AND command_id = k.cid`, [
        keys.map((k) => k.sessionId),
        keys.map((k) => k.commandId),
      ]);
      return new Map(found.map((e) => [`${e.sessionId} ${e.commandId}`, e]));
    },
  );

  // A held session reads its log's command ids on its first command (../../live/logged-commands.ts):
  // after a start or a takeover, that is every session within a second: one statement per turn,
  // not a thousand queued for the pool of four in front of the group commit.
  const commandIds = batchedRead<string, string[]>(
    (id) => id,
    async (ids) => {
      const { rows } = await pool.query<{ session_id: string; ids: string[] }>({
        name: 'log-command-ids',
        text: 'SELECT session_id, array_agg(command_id) AS ids FROM session_log WHERE session_id = ANY($1::text[]) GROUP BY session_id',
        values: [ids],
      });
      return new Map(rows.map((r) => [r.session_id, r.ids]));
    },
  );

  return {
    read: async (id) => {
      commits.forget(id);
      return (await sessions('WHERE s.id = $1', [id]))[0] ?? null;
    },
    listOpen: () => sessions("WHERE s.status <> 'ended'", []),
    append: commits.append,
    logAfter: (sessionId, version) => entries('WHERE session_id = $1 AND version > $2 ORDER BY version', [sessionId, version]),
    findCommand: (sessionId, commandId) => findCommand({ sessionId, commandId }),
    commandIds: async (sessionId) => (await commandIds(sessionId)) ?? [],
    lastEntry: async (sessionId) => (await entries('WHERE session_id = $1 ORDER BY version DESC LIMIT 1', [sessionId]))[0] ?? null,
    saveSnapshots: async (saves) => {
      // One statement: one transaction. A snapshot never replaces a newer one.
      await pool.query(
        `UPDATE sessions s SET snapshot_version = v.version, snapshot = v.snapshot, machine_version = v.machine_version
           FROM jsonb_to_recordset($1) AS v (id text, version integer, snapshot text, machine_version text)
          WHERE s.id = v.id AND s.snapshot_version <= v.version`,
        [JSON.stringify(saves.map((s) => ({ id: s.id, version: s.version, snapshot: s.snapshot, machine_version: s.machineVersion })))],
      );
    },
  };
}

/** Session rows (`s`) filtered by `where`: the live path's reads, and REST's (./sessions.ts). */
export async function selectSessions(q: Queryable, where: string, values: unknown[]): Promise<SessionRow[]> {
  return (await q.query<SessionRecord>(`SELECT ${SESSION_COLUMNS} FROM sessions s ${where}`, values)).rows.map(toSession);
}

/** Log entries filtered by `where`. */
export async function selectEntries(q: Queryable, where: string, values: unknown[]): Promise<LogEntry[]> {
  return (await q.query<LogRecord>(`SELECT ${LOG_COLUMNS} FROM session_log ${where}`, values)).rows.map(toEntry);
}

/**
 * The node registration appends are made under, when processes share the database (server/peers/):
 * null while it is not registered, and nothing is written then. Without it (a store's tests, the
 * bench's seeding) appends are fenced by the log's keys alone.
 */
export type AppendingAs = () => { nodeId: string; epoch: number } | null;

/**
 * Writes the commits in one statement (so one transaction), in order: all of them or none. As a
 * node, only into sessions whose owner row names its epoch (schema step 9).
 */
export async function writeCommits(q: Queryable, commits: Commit[], node?: ReturnType<AppendingAs>): Promise<void> {
  if (node === null) throw new Error('this process is not registered with the others: it writes no log entry until it is');
  const entries = JSON.stringify(commits.map(entryRecord));
  const saves = JSON.stringify(newestSaves(commits));
  await q.query(
    node
      ? {
          name: 'append-owned-entries',
          text: 'SELECT append_owned_entries($1, $2, $3, $4)',
          values: [node.nodeId, node.epoch, entries, saves],
        }
      : { name: 'append-entries', text: 'SELECT append_entries($1, $2)', values: [entries, saves] },
  );
}

const entryRecord = ({ entry }: Commit): LogRecord => ({
  session_id: entry.sessionId,
  version: entry.version,
  at: entry.at,
  actor_id: entry.actorId,
  command_id: entry.commandId,
  event: JSON.stringify(entry.event),
});

/**
 * Each session's newest snapshot in the group: the one its row must end with. Every one of them
 * would have been newer than the row's in turn (a session's versions rise through the group), so
 * saving only the last keeps the rule each would have checked.
 */
function newestSaves(group: Commit[]) {
  const newest = new Map<string, { version: number; saved: SavedSnapshot }>();
  for (const { entry, saved } of group) if (saved) newest.set(entry.sessionId, { version: entry.version, saved });
  return [...newest].map(([id, { version, saved }]) => ({
    id,
    version,
    status: saved.status,
    snapshot: saved.snapshot,
    machine_version: saved.machineVersion,
    started_at: saved.startedAt,
    ended_at: saved.endedAt,
  }));
}
