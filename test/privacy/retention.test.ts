import { afterEach, describe, expect, it } from 'vitest';
import { manualClock } from '../support/clock.js';
import { inDatabaseFiles } from '../support/database-files.js';
import { startTestServer } from '../support/server.js';
import { auditEntries, clinic, makeGroup, runSession, type Clinic } from './support.js';
import { DEFAULT_RATING_ITEMS } from '../../shared/schemas/rating-scale.js';
import { createAudit } from '../../server/privacy/audit.js';

let c: Clinic;
afterEach(() => c?.close());

const DAY = 24 * 60 * 60_000;
const count = (c: Clinic, sql: string, ...args: unknown[]) => (c.server.db.prepare(sql).get(...args) as { n: number }).n;

describe('retention', () => {
  it('[D7] ended sessions are kept for ever by default; only an admin changes that, and it is audited', async () => {
    c = await clinic();
    expect((await c.admin.get('/api/admin/retention')).body).toEqual({ retentionDays: null });
    expect((await c.lead.get('/api/admin/retention')).status).toBe(403);
    expect((await c.lead.put('/api/admin/retention', { retentionDays: 1 })).status).toBe(403);
    expect((await c.lead.post('/api/admin/purge', {})).status).toBe(403);
    expect((await c.admin.put('/api/admin/retention', { retentionDays: 0 })).status).toBe(400);
    expect((await c.admin.put('/api/admin/retention', { retentionDays: '30' })).status).toBe(400);
    expect((await c.admin.put('/api/admin/retention', { retentionDays: 365 })).body).toEqual({ retentionDays: 365 });
    expect((await c.admin.put('/api/admin/retention', { retentionDays: null })).body).toEqual({ retentionDays: null });
    const changes = (await auditEntries(c)).filter((e) => e.action === 'settings.retention');
    expect(changes.map((e) => [e.actorId, e.detail.retentionDays])).toEqual([
      [c.ids.admin, 365],
      [c.ids.admin, null],
    ]);
    const { groupId, member } = await makeGroup(c, ['Sam']);
    await runSession(c, groupId, member.Sam!, 'kept for ever');
    expect((await c.admin.post('/api/admin/purge', {})).body).toEqual({ cutoff: null, sessions: 0, logEntries: 0 });
    expect(count(c, 'SELECT count(*) AS n FROM sessions')).toBe(1);
  });

  it('[D8][D9][D10][D33] a purge deletes older ended sessions whole — log, snapshot, dependants, ratings, stray names — and is audited', async () => {
    // Starts in the past: sign-in sessions expire by the real clock, and sockets check them by this one.
    const clock = manualClock(Date.now() - 45 * DAY);
    c = await clinic({ clock });
    const { groupId, member } = await makeGroup(c, ['Sam', 'Ilsabet']);
    const old = await runSession(c, groupId, member.Ilsabet!, 'Ilsabet talked about Corvinmoor');
    // Ilsabet leaves the group; only the old session still names her.
    await c.lead.put(`/api/groups/${groupId}`, {
      name: 'Thursday group',
      members: [{ id: member.Sam, name: 'Sam' }],
      coFacilitatorId: c.ids.co,
    });
    // Another feature's table of session content: the purge finds it by its foreign key.
    c.server.db.exec('CREATE TABLE review_notes (session_id TEXT NOT NULL REFERENCES sessions(id), body TEXT NOT NULL)');
    c.server.db.prepare('INSERT INTO review_notes VALUES (?, ?)').run(old, 'supervisor wrote about Corvinmoor');
    // Member voice (D33): the old session's ratings, its rating link's window and the items it asked.
    const { ratings } = c.server.app.store;
    const audit = createAudit(c.server.app.store.audit, clock);
    await ratings.openWindow(
      { id: 'window-old', sessionId: old, openedBy: c.ids.lead, openedAt: clock.now() },
      [...DEFAULT_RATING_ITEMS],
      audit.entry({ actorId: c.ids.lead, action: 'ratings.collect', subjectType: 'session', subjectId: old }),
    );
    const scores = { belonging: 2, mattered: 3, approach: 4, overall: 2 };
    await ratings.save(
      { sessionId: old, memberId: member.Ilsabet!, scores, comment: 'Corvinmoor weighed on me', submittedAt: clock.now(), via: 'phone' },
      () => audit.entry({ actorId: 'member', action: 'rating.submit', subjectType: 'member', subjectId: member.Ilsabet!, noAddress: true }),
    );
    clock.advance(20 * DAY);
    const recent = await runSession(c, groupId, member.Sam!, 'recent and kept');
    const live = await runSession(c, groupId, member.Sam!, 'still running', false);
    expect(inDatabaseFiles(c.server.dataDir, 'Corvinmoor')).toBe(true);

    clock.advance(20 * DAY);
    await c.admin.put('/api/admin/retention', { retentionDays: 30 });
    const purged = await c.admin.post('/api/admin/purge', {});
    expect(purged.body).toMatchObject({ sessions: 1, logEntries: 4, cutoff: new Date(clock.now() - 30 * DAY).toISOString() });

    expect((await c.lead.get(`/api/sessions/${old}`)).status).toBe(404);
    expect(count(c, 'SELECT count(*) AS n FROM session_log WHERE session_id = ?', old)).toBe(0);
    expect(count(c, 'SELECT count(*) AS n FROM review_notes')).toBe(0);
    for (const table of ['ratings', 'rating_windows', 'session_rating_items']) {
      expect(count(c, `SELECT count(*) AS n FROM ${table} WHERE session_id = ?`, old), table).toBe(0);
    }
    expect(count(c, 'SELECT count(*) AS n FROM session_log WHERE session_id = ?', recent)).toBe(4);
    expect((await c.lead.get(`/api/sessions/${live}`)).body.session.status).toBe('live');
    expect(c.server.db.prepare('SELECT name FROM group_members WHERE id = ?').get(member.Ilsabet)).toEqual({
      name: `Erased ${member.Ilsabet!.slice(0, 6)}`,
    });
    expect(inDatabaseFiles(c.server.dataDir, 'Corvinmoor')).toBe(false);
    expect(inDatabaseFiles(c.server.dataDir, 'Ilsabet')).toBe(false);

    const entry = (await auditEntries(c)).find((e) => e.action === 'purge.run');
    expect(entry).toMatchObject({
      actorId: c.ids.admin,
      subjectType: 'database',
      detail: { retentionDays: 30, sessionIds: [old], logEntries: 4 },
    });
  });

  it('[D9] the phase log still refuses every other delete and edit, and a purged session stays closed', async () => {
    c = await clinic();
    const { groupId, member } = await makeGroup(c, ['Sam']);
    const ended = await runSession(c, groupId, member.Sam!, 'a note');
    const live = await runSession(c, groupId, member.Sam!, 'a note', false);
    const { db } = c.server;
    expect(() => db.prepare('DELETE FROM session_log WHERE session_id = ?').run(ended)).toThrow(/append-only/);
    expect(() => db.prepare("UPDATE session_log SET event = '{}' WHERE session_id = ?").run(ended)).toThrow(/append-only/);
    expect(() => db.prepare('INSERT INTO session_purges VALUES (?, 0)').run(live)).toThrow(/only an ended session/);
    db.prepare('INSERT INTO session_purges VALUES (?, 0)').run(ended);
    expect(() => db.prepare('DELETE FROM session_purges').run()).toThrow(/permanent/);
    expect(() => db.prepare("INSERT INTO session_log VALUES (?, 99, 0, 'x', 'cmd-99', '{}')").run(ended)).toThrow(/purged/);
    expect(() => db.prepare('UPDATE session_log SET at = 0 WHERE session_id = ?').run(ended)).toThrow(/append-only/);
  });

  it('[D8] the purge also runs when the server starts, recorded as the system', async () => {
    const clock = manualClock();
    c = await clinic({ clock });
    const { groupId, member } = await makeGroup(c, ['Sam']);
    const ended = await runSession(c, groupId, member.Sam!, 'a note');
    await c.admin.put('/api/admin/retention', { retentionDays: 7 });
    const { dataDir } = c.server;
    await c.close();
    clock.advance(8 * 24 * 60 * 60_000);
    const restarted = await startTestServer({ dataDir, clock });
    c = { ...c, server: restarted, close: () => restarted.close() };
    expect(count(c, 'SELECT count(*) AS n FROM sessions')).toBe(0);
    const entry = c.server.db.prepare("SELECT actor_id, detail FROM audit_log WHERE action = 'purge.run'").get() as {
      actor_id: string;
      detail: string;
    };
    expect(entry.actor_id).toBe('system');
    expect(JSON.parse(entry.detail).sessionIds).toEqual([ended]);
  });
});
