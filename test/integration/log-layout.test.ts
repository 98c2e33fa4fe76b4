import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/store/sqlite/open.js';
import { signIn } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { connectSocket, type TestSocket } from '../support/sockets.js';
import { join, LEAD, send, sessionFixture } from '../support/session-fixture.js';

/**
 * The phase log in append order (server/store/sqlite/migrations.ts step 9,
 * docs/decisions/010-live-core.md): a database whose log has the old layout is copied into the new
 * one on start, and its sessions restore and go on.
 */
let restarted: TestServer | null = null;
let socket: TestSocket | null = null;
afterEach(async () => {
  socket?.disconnect();
  await restarted?.close();
  restarted = socket = null;
});

/**
 * Puts the database back as schema 8 had it: the log keyed (session, version), command ids
 * unique, no rowid; and without what the steps after 9 added (progress notes, safety steps,
 * worth-a-look thresholds and reviewers' reads, member voice).
 */
const OLD_LAYOUT = `
  DROP TABLE ratings;
  DROP TABLE rating_windows;
  DROP TABLE session_rating_items;
  ALTER TABLE groups DROP COLUMN rating_items;
  DROP TABLE review_reads;
  ALTER TABLE groups DROP COLUMN trend_settings;
  DROP TABLE progress_note_addenda;
  DROP TABLE progress_note_versions;
  ALTER TABLE groups DROP COLUMN safety_steps;
  CREATE TABLE old_log (
    session_id TEXT NOT NULL REFERENCES sessions(id), version INTEGER NOT NULL, at INTEGER NOT NULL,
    actor_id TEXT NOT NULL, command_id TEXT NOT NULL, event TEXT NOT NULL,
    PRIMARY KEY (session_id, version), UNIQUE (session_id, command_id)
  ) WITHOUT ROWID;
  INSERT INTO old_log SELECT session_id, version, at, actor_id, command_id, event FROM session_log;
  DROP TABLE session_log;
  ALTER TABLE old_log RENAME TO session_log;
  CREATE TRIGGER session_log_no_update BEFORE UPDATE ON session_log
    BEGIN SELECT RAISE(ABORT, 'the phase log is append-only'); END;
  CREATE TRIGGER session_log_no_delete BEFORE DELETE ON session_log
    WHEN NOT EXISTS (SELECT 1 FROM session_purges WHERE session_id = OLD.session_id)
    BEGIN SELECT RAISE(ABORT, 'the phase log is append-only'); END;
  CREATE TRIGGER session_log_purged BEFORE INSERT ON session_log
    WHEN EXISTS (SELECT 1 FROM session_purges WHERE session_id = NEW.session_id)
    BEGIN SELECT RAISE(ABORT, 'this session was purged'); END;
  PRAGMA user_version = 8;`;

type Entry = { session_id: string; version: number; command_id: string; event: string };

describe('[D26] the phase log in append order', () => {
  it('[D26] a database with the old log layout migrates on start: every entry copied, the session restored, and it goes on', async () => {
    const fx = await sessionFixture();
    const { lead, sessionId, member, server } = fx;
    for (const name of ['Sam', 'Ana', 'Kit'])
      await send(lead.socket, sessionId, { type: 'attendance.mark', memberId: member[name]!, mark: 'present' });
    await send(lead.socket, sessionId, { type: 'session.start' }, { commandId: 'start-before-migration' });
    await fx.close();

    const old = openDatabase(server.dataDir);
    old.exec(OLD_LAYOUT);
    const before = old
      .prepare('SELECT session_id, version, command_id, event FROM session_log ORDER BY session_id, version')
      .all() as Entry[];
    old.close();
    expect(before).toHaveLength(4);

    restarted = await startTestServer({ dataDir: server.dataDir });
    const db = restarted.db;
    expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(9);
    expect(db.prepare("SELECT sql FROM sqlite_master WHERE name = 'session_log'").pluck().get()).not.toMatch(/WITHOUT ROWID/);
    expect(db.prepare('SELECT session_id, version, command_id, event FROM session_log ORDER BY session_id, version').all()).toEqual(before);
    expect(restarted.app.sessions.get(sessionId)?.version).toBe(4);

    const api = await signIn(restarted, LEAD.email, LEAD.password);
    socket = await connectSocket(restarted, api.cookie);
    expect(await join(socket, sessionId, 0)).toMatchObject({ ok: true, version: 4 });
    // A retry of a command from before the migration is found in the copied log; a new one follows it.
    expect(await send(socket, sessionId, { type: 'session.start' }, { commandId: 'start-before-migration' })).toEqual({
      ok: true,
      version: 4,
      duplicate: true,
    });
    expect(await send(socket, sessionId, { type: 'queue.add', memberId: member.Sam! })).toEqual({ ok: true, version: 5, duplicate: false });
  });

  it('[D26] the log takes an entry only right after its session’s last one, from any writer: no gap, no repeat', async () => {
    const fx = await sessionFixture();
    try {
      const { lead, sessionId, member, server } = fx;
      await send(lead.socket, sessionId, { type: 'attendance.mark', memberId: member.Sam!, mark: 'present' });
      const insert = server.db.prepare("INSERT INTO session_log VALUES (?, ?, 0, 'someone', ?, '{}')");
      expect(() => insert.run(sessionId, 1, 'again-at-1')).toThrow(/must follow/);
      expect(() => insert.run(sessionId, 3, 'skips-two')).toThrow(/must follow/);
      expect(server.db.prepare('SELECT count(*) FROM session_log WHERE session_id = ?').pluck().get(sessionId)).toBe(1);
    } finally {
      await fx.close();
    }
  });
});
