import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProgressNote } from '../../shared/review/progress-notes.js';
import { manualClock } from '../support/clock.js';
import { purgeAllEnded } from '../support/purge.js';
import { signIn, type ApiClient } from '../support/http.js';
import { createAccount } from '../support/server.js';
import { sessionFixture, type SessionFixture } from '../support/session-fixture.js';
import { act } from './server-support.js';

/**
 * Progress notes over a real server (docs/review.md §Progress notes): a session run over real
 * sockets, then its notes read, saved from two screens, signed, and added to, over HTTP.
 */

const clock = manualClock();
let fx: SessionFixture;
let stranger: ApiClient;
let reviewer: ApiClient;
let url: string;

const fields = (participation: string) => ({
  presentation: 'Calm, engaged.',
  participation,
  interventions: '',
  response: '',
  plan: 'Continue.',
});
const noteOf = (notes: ProgressNote[], memberId: string) => notes.find((n) => n.memberId === memberId)!;

beforeAll(async () => {
  fx = await sessionFixture({ clock, config: { clinicTimeZone: 'UTC', clinicLocale: 'en-GB' } });
  const { lead, member } = fx;
  await createAccount(fx.server, { name: 'Casey Stranger', email: 'casey@example.org', password: 'not a facilitator here' });
  const rae = await createAccount(fx.server, { name: 'Rae Viewer', email: 'rae@example.org', password: 'reads but never writes' });
  stranger = await signIn(fx.server, 'casey@example.org', 'not a facilitator here');
  reviewer = await signIn(fx.server, 'rae@example.org', 'reads but never writes');
  expect((await lead.api.post(`/api/groups/${fx.groupId}/reviewers`, { userId: rae.id })).status).toBe(201);
  url = `/api/sessions/${fx.sessionId}/progress-notes`;

  for (const name of ['Sam', 'Ana']) await act(fx, lead.socket, { type: 'attendance.mark', memberId: member[name]!, mark: 'present' });
  await act(fx, lead.socket, { type: 'session.start' });
  await act(fx, lead.socket, { type: 'floor.give', memberId: member.Sam! });
  clock.advance(120_000);
  await act(fx, lead.socket, { type: 'turn.end' });
  await act(fx, fx.co.socket, { type: 'flag.raise', kind: 'distress', memberId: member.Ana!, text: 'Ana was tearful' });
  clock.advance(60_000);
  await act(fx, lead.socket, { type: 'session.end' });
});

afterAll(() => fx?.close());

describe('[R16] who reads and who writes a progress note', () => {
  it('the lead reads a note per seated member: prefilled drafts for those present, attendance only for the absent', async () => {
    const res = await fx.lead.api.get(url);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ signed: false, canEdit: true, timeZone: 'UTC' });
    const notes = res.body.notes as ProgressNote[];
    expect(notes.map((n) => [n.name, n.kind, n.version])).toEqual([
      ['Sam', 'progress', 0],
      ['Ana', 'progress', 0],
      ['Kit', 'attendance', 0],
      ['Jo', 'attendance', 0],
    ]);
    expect(noteOf(notes, fx.member.Sam!).fields.participation).toContain('Spoke in 1 turn, 2 min in all');
    expect(noteOf(notes, fx.member.Ana!).facts).toContain('Flagged: Distress, 9:02 (Introduction): “Ana was tearful”.');
  });

  it('the co-facilitator writes; a reviewer reads but is refused a save (403); a stranger finds nothing (404)', async () => {
    const ana = fx.member.Ana!;
    const saved = await fx.co.api.put(`${url}/${ana}`, { baseVersion: 0, fields: fields('Listened.') });
    expect(saved.status).toBe(200);
    expect(saved.body.note).toMatchObject({ version: 1, savedBy: 'Robin Park', fields: fields('Listened.') });

    const read = await reviewer.get(url);
    expect(read.status).toBe(200);
    expect(read.body.canEdit).toBe(false);
    expect(noteOf(read.body.notes, ana).fields.participation).toBe('Listened.');
    const refused = await reviewer.put(`${url}/${ana}`, { baseVersion: 1, fields: fields('Mine.') });
    expect(refused.status).toBe(403);

    for (const res of [await stranger.get(url), await stranger.put(`${url}/${ana}`, { baseVersion: 1, fields: fields('x') })]) {
      expect(res.status).toBe(404);
      expect(JSON.stringify(res.body)).not.toMatch(/Ana|Sam|Listened|tearful/);
    }
  });

  it('an absent member’s note takes no narrative; an unknown member is 404; a malformed body is 400', async () => {
    expect((await fx.lead.api.put(`${url}/${fx.member.Jo}`, { baseVersion: 0, fields: fields('x') })).status).toBe(409);
    expect((await fx.lead.api.put(`${url}/nobody`, { baseVersion: 0, fields: fields('x') })).status).toBe(404);
    expect((await fx.lead.api.put(`${url}/${fx.member.Sam}`, { baseVersion: 0, fields: { ...fields('x'), extra: 'y' } })).status).toBe(400);
    expect((await fx.lead.api.put(`${url}/${fx.member.Sam}`, { fields: fields('x') })).status).toBe(400);
  });
});

describe('[R17] versions: a stale save is refused with the current text', () => {
  it('two screens save from the same version: the second gets 409 STALE and the first one’s text; nothing is overwritten', async () => {
    const sam = fx.member.Sam!;
    const first = await fx.lead.api.put(`${url}/${sam}`, { baseVersion: 0, fields: fields('Lead’s words.') });
    expect(first.status).toBe(200);
    const second = await fx.co.api.put(`${url}/${sam}`, { baseVersion: 0, fields: fields('Co’s words.') });
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ code: 'STALE', note: { version: 1, savedBy: 'Dana Lee', fields: fields('Lead’s words.') } });
    const rebased = await fx.co.api.put(`${url}/${sam}`, { baseVersion: 1, fields: fields('Co’s words, on top.') });
    expect(rebased.body.note).toMatchObject({ version: 2, savedBy: 'Robin Park' });
    const rows = fx.server.db
      .prepare<[string, string], { version: number }>(
        'SELECT version FROM progress_note_versions WHERE session_id = ? AND member_id = ? ORDER BY version',
      )
      .all(fx.sessionId, sam);
    expect(rows.map((r) => r.version)).toEqual([1, 2]);
  });
});

describe('[R18] signing signs the notes; addenda after', () => {
  it('addenda wait for the signature; after it edits are refused and an addendum is kept with author and time', async () => {
    const sam = fx.member.Sam!;
    expect((await fx.lead.api.post(`${url}/${sam}/addenda`, { text: 'Too early.' })).status).toBe(409);
    expect((await fx.lead.api.post(`/api/sessions/${fx.sessionId}/sign`, {})).status).toBe(201);

    const edit = await fx.lead.api.put(`${url}/${sam}`, { baseVersion: 2, fields: fields('After signing.') });
    expect(edit.status).toBe(409);
    expect(edit.body.code).toBe('NOT_ALLOWED');
    clock.advance(3_600_000);
    const added = await fx.co.api.post(`${url}/${sam}/addenda`, { text: 'Sam phoned; doing well.' });
    expect(added.status).toBe(201);
    expect(added.body.note.addenda).toEqual([
      { id: expect.any(String), authorName: 'Robin Park', at: clock.now(), text: 'Sam phoned; doing well.' },
    ]);
    expect(added.body.note.fields.participation).toBe('Co’s words, on top.');
    expect((await reviewer.post(`${url}/${sam}/addenda`, { text: 'A reviewer’s.' })).status).toBe(403);
    expect((await fx.lead.api.get(url)).body.signed).toBe(true);
  });

  it('the database refuses a new version once signed, and any change or removal of versions and addenda', () => {
    const db = fx.server.db;
    expect(() => db.prepare("INSERT INTO progress_note_versions VALUES (?, ?, 3, '{}', 'x', 0)").run(fx.sessionId, fx.member.Sam!)).toThrow(
      /addenda only/,
    );
    expect(() => db.prepare("UPDATE progress_note_versions SET fields = '{}'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM progress_note_addenda').run()).toThrow(/append-only/);
  });

  it('audits every read, save and addendum by id and version only, never the text', () => {
    const rows = fx.server.db
      .prepare<[string], { action: string; actor_id: string; detail: string }>(
        "SELECT action, actor_id, detail FROM audit_log WHERE subject_id = ? AND action LIKE 'progress-note.%' ORDER BY seq",
      )
      .all(fx.sessionId);
    const saves = rows.filter((r) => r.action === 'progress-note.save').map((r) => [r.actor_id, JSON.parse(r.detail)]);
    expect(saves).toEqual([
      [fx.co.id, { memberId: fx.member.Ana, version: 1 }],
      [fx.lead.id, { memberId: fx.member.Sam, version: 1 }],
      [fx.co.id, { memberId: fx.member.Sam, version: 2 }],
    ]);
    expect(rows.filter((r) => r.action === 'progress-note.view').length).toBeGreaterThanOrEqual(3);
    expect(rows.filter((r) => r.action === 'progress-note.addendum').map((r) => r.actor_id)).toEqual([fx.co.id]);
    for (const r of rows) expect(r.detail).not.toMatch(/Sam|Ana|words|phoned|tearful/);
  });

  it('[D28] the retention purge removes the notes with their session', async () => {
    await purgeAllEnded(fx.server.app.store, clock);
    for (const table of ['progress_note_versions', 'progress_note_addenda'])
      expect(fx.server.db.prepare(`SELECT count(*) AS n FROM ${table} WHERE session_id = ?`).get(fx.sessionId)).toEqual({ n: 0 });
  });
});
