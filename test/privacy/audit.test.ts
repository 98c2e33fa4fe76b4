import { afterEach, describe, expect, it } from 'vitest';
import { manualClock } from '../support/clock.js';
import { enableTwoFactor, passwordStep, raw, totpNow } from '../security/support.js';
import { CO } from '../support/session-fixture.js';
import { auditEntries, clinic, makeGroup, runSession, type Clinic } from './support.js';
import type { ParsedJson } from '../support/json.js';

let c: Clinic;
afterEach(() => c?.close());

const signInsOf = (entries: ParsedJson[], userId: string) => entries.filter((e) => e.action === 'auth.sign-in' && e.actorId === userId);

describe('audit log', () => {
  it('[D1] the database refuses to edit or delete an entry, and no route offers to', async () => {
    c = await clinic();
    const { db } = c.server;
    expect(db.prepare('SELECT count(*) AS n FROM audit_log').get()).toMatchObject({ n: 3 });
    expect(() => db.prepare("UPDATE audit_log SET actor_id = 'someone else'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    for (const method of ['PUT', 'PATCH', 'DELETE']) {
      const res = await raw(c.server, method, '/api/audit', {}, { cookie: c.admin.cookie, origin: c.server.url });
      expect(res.status).toBe(404);
    }
    expect(db.prepare('SELECT count(*) AS n FROM audit_log').get()).toMatchObject({ n: 3 });
  });

  it('[D2] a sign-in is recorded once it is complete; a password step still owing its code is not', async () => {
    c = await clinic();
    let entries = await auditEntries(c);
    for (const id of Object.values(c.ids)) {
      expect(signInsOf(entries, id)).toMatchObject([{ subjectType: 'user', subjectId: id, detail: { via: '/sign-in/email' } }]);
    }
    const { totpURI } = await enableTwoFactor(c.server, c.co, CO.password);
    const before = signInsOf(await auditEntries(c), c.ids.co).length;
    const step = await passwordStep(c.server, CO.email, CO.password);
    expect(step.body.twoFactorRedirect).toBe(true);
    expect(signInsOf(await auditEntries(c), c.ids.co)).toHaveLength(before);
    const code = await totpNow(totpURI);
    const verified = await raw(
      c.server,
      'POST',
      '/api/auth/two-factor/verify-totp',
      { code },
      { cookie: step.cookie, origin: c.server.url },
    );
    expect(verified.status).toBe(200);
    entries = signInsOf(await auditEntries(c), c.ids.co);
    expect(entries).toHaveLength(before + 1);
    expect(entries.at(-1).detail).toEqual({ via: '/two-factor/verify-totp' });
  });

  it('[D2][D3] group and roster changes are recorded by member id, never by name', async () => {
    c = await clinic();
    const { groupId, member } = await makeGroup(c, ['Wrenna', 'Ilsabet'], { focus: 'Grief after a sudden loss' });
    const renamed = await c.lead.put(`/api/groups/${groupId}`, {
      name: 'Thursday group (renamed)',
      members: [{ id: member.Wrenna, name: 'Wrenna B.' }, { name: 'Odilette' }],
      coFacilitatorId: c.ids.co,
      substanceUse: true,
    });
    expect(renamed.status).toBe(200);
    const odilette = renamed.body.group.members[1].id;
    const entries = (await auditEntries(c)).filter((e) => e.subjectType === 'group');
    expect(entries).toMatchObject([
      {
        action: 'group.create',
        actorId: c.ids.lead,
        subjectId: groupId,
        detail: { added: [member.Wrenna, member.Ilsabet], substanceUse: false },
      },
      {
        action: 'group.update',
        actorId: c.ids.lead,
        detail: {
          changed: ['name', 'focus', 'substanceUse'],
          added: [odilette],
          removed: [member.Ilsabet],
          renamed: [member.Wrenna],
          substanceUse: true,
        },
      },
    ]);
    const stored = JSON.stringify(c.server.db.prepare('SELECT * FROM audit_log').all());
    for (const personal of ['Wrenna', 'Ilsabet', 'Odilette', 'Thursday group', 'Grief']) expect(stored).not.toContain(personal);
  });

  it('[D5] only an admin reads it, by date range, as JSON or CSV; a CSV export is itself recorded', async () => {
    const clock = manualClock(Date.UTC(2026, 10, 2, 9));
    c = await clinic({ clock });
    clock.set(Date.UTC(2026, 10, 5, 14));
    const { groupId } = await makeGroup(c, ['Sam']);

    const first = await c.admin.get('/api/audit?from=2026-11-02&to=2026-11-02');
    expect(first.body.entries.map((e: ParsedJson) => e.action)).toEqual(['auth.sign-in', 'auth.sign-in', 'auth.sign-in']);
    expect(first.body.entries[0]).toMatchObject({ at: '2026-11-02T09:00:00.000Z', actorName: 'Avery Admin' });
    const later = await c.admin.get('/api/audit?from=2026-11-03T00:00:00Z');
    expect(later.body).toMatchObject({
      to: '2026-11-05T14:00:00.001Z',
      truncated: false,
      entries: [{ action: 'group.create', subjectId: groupId }],
    });

    expect((await c.lead.get('/api/audit')).status).toBe(403);
    expect((await c.lead.get('/api/audit.csv')).status).toBe(403);
    expect((await fetch(`${c.server.url}/api/audit`)).status).toBe(401);
    expect((await c.admin.get('/api/audit?from=last-week')).status).toBe(400);
    expect((await c.admin.get('/api/audit?from=2026-11-05&to=2026-11-01')).status).toBe(400);
    expect((await c.admin.get('/api/audit?from=2026-11-01&user=x')).status).toBe(400);

    const csv = await fetch(`${c.server.url}/api/audit.csv?from=2026-11-01&to=2026-11-30`, { headers: { cookie: c.admin.cookie } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="holdspace-audit-2026-11-01-2026-12-01.csv"');
    const lines = (await csv.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('seq,at,actorId,actorName,action,subjectType,subjectId,detail,address');
    expect(lines).toHaveLength(5);
    expect(lines[4]).toContain('group.create');
    const exported = (await c.admin.get('/api/audit?from=2026-11-05')).body.entries.at(-1);
    expect(exported).toMatchObject({
      action: 'audit.export',
      actorId: c.ids.admin,
      detail: { entries: 4, from: '2026-11-01T00:00:00.000Z' },
    });
  });

  it('[D4] an erasure, a purge, an export or a retention change that cannot be recorded does not happen', async () => {
    c = await clinic();
    const { groupId, member } = await makeGroup(c, ['Sam', 'Ana']);
    const ended = await runSession(c, groupId, member.Sam!, 'a note');
    c.server.db
      .prepare("INSERT INTO settings (key, value) VALUES ('retentionDays', '1') ON CONFLICT (key) DO UPDATE SET value = '1'")
      .run();
    c.server.db.prepare('UPDATE sessions SET ended_at = 0 WHERE id = ?').run(ended);
    c.server.db.exec(
      `CREATE TEMP TRIGGER audit_full BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`,
    );

    expect((await c.lead.post(`/api/groups/${groupId}/members/${member.Ana}/erase`, {})).status).toBe(500);
    expect((await c.admin.post('/api/admin/purge', {})).status).toBe(500);
    expect((await fetch(`${c.server.url}/api/sessions/${ended}/export.csv`, { headers: { cookie: c.lead.cookie } })).status).toBe(500);
    expect((await c.admin.put('/api/admin/retention', { retentionDays: 90 })).status).toBe(500);

    c.server.db.exec('DROP TRIGGER temp.audit_full');
    expect((await c.lead.get(`/api/groups/${groupId}`)).body.group.members.map((m: { name: string }) => m.name)).toEqual(['Sam', 'Ana']);
    expect((await c.lead.get(`/api/sessions/${ended}`)).status).toBe(200);
    expect((await c.admin.get('/api/admin/retention')).body).toEqual({ retentionDays: 1 });
  });
});
