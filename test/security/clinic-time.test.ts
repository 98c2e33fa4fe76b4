import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReviewCache } from '../../server/http/review-cache.js';
import { manualClock } from '../support/clock.js';
import { apiClient, type ApiClient } from '../support/http.js';
import type { ParsedJson } from '../support/json.js';
import { startTestServer } from '../support/server.js';
import { sessionFixture, type SessionFixture } from '../support/session-fixture.js';
import { act, getRaw, parseCsv } from '../review/server-support.js';

/**
 * The clinic's time zone and locale as a server setting (docs/review.md R26): the environment's
 * until chosen, chosen at setup, changed by an admin only, validated, and audited (privacy.md D30).
 */

// 13:39 UTC on a November day: 8:39 AM in New York, 14:39 in Berlin.
const clock = manualClock(Date.UTC(2026, 10, 27, 13, 39));
let fx: SessionFixture;

beforeAll(async () => {
  fx = await sessionFixture({ clock, config: { clinicTimeZone: 'America/New_York', clinicLocale: 'en-US' } });
  const { lead, member } = fx;
  await act(fx, lead.socket, { type: 'attendance.mark', memberId: member.Sam!, mark: 'present' });
  await act(fx, lead.socket, { type: 'session.start' });
  clock.advance(5 * 60_000);
  await act(fx, lead.socket, { type: 'attendance.mark', memberId: member.Ana!, mark: 'late' });
  clock.advance(60_000);
  await act(fx, lead.socket, { type: 'session.end' });
});
afterAll(() => fx?.close());

const membersCsv = async (api: ApiClient) => {
  const csv = await getRaw(fx.server, api, `/api/sessions/${fx.sessionId}/members.csv`);
  const [header, ...rows] = parseCsv(csv.text);
  return rows.map((r) => Object.fromEntries(header!.map((c, i) => [c, r[i]])));
};
const auditOf = async (api: ApiClient) =>
  ((await api.get('/api/audit?from=2000-01-01&to=2100-01-01')).body.entries as ParsedJson[]).filter((e) => e.action === 'settings.update');

describe('[R26] the clinic’s time zone and locale', () => {
  it('are the environment’s until chosen: the review, the member CSV and the notes write times there', async () => {
    expect((await fx.co.api.get('/api/settings')).body.settings).toMatchObject({
      clinicTimeZone: 'America/New_York',
      clinicLocale: 'en-US',
    });
    const review = await fx.lead.api.get(`/api/sessions/${fx.sessionId}/review`);
    expect(review.body).toMatchObject({ timeZone: 'America/New_York', locale: 'en-US' });
    const ana = (await membersCsv(fx.lead.api)).find((r) => r.member === 'Ana')!;
    expect(ana.attendance).toBe('Late (arrived 8:44 AM)');
    expect(ana.arrived).toBe('2026-11-27T08:44:00-05:00');
  });

  it('an admin changes them, and every page and file follows at once', async () => {
    const saved = await fx.lead.api.put('/api/settings', { clinicTimeZone: 'Europe/Berlin', clinicLocale: 'de-DE' });
    expect(saved.status).toBe(200);
    expect(saved.body.settings).toMatchObject({ clinicTimeZone: 'Europe/Berlin', clinicLocale: 'de-DE', idleLockMinutes: 15 });
    expect((await fx.co.api.get('/api/settings')).body.settings).toMatchObject({ clinicTimeZone: 'Europe/Berlin' });
    expect((await fx.lead.api.get(`/api/sessions/${fx.sessionId}/review`)).body).toMatchObject({
      timeZone: 'Europe/Berlin',
      locale: 'de-DE',
    });
    const ana = (await membersCsv(fx.lead.api)).find((r) => r.member === 'Ana')!;
    expect(ana.attendance).toBe('Late (arrived 14:44)');
    expect(ana.arrived).toBe('2026-11-27T14:44:00+01:00');
    const notes = await fx.lead.api.get(`/api/sessions/${fx.sessionId}/progress-notes`);
    expect(notes.body.timeZone).toBe('Europe/Berlin');
    const anaNote = (notes.body.notes as ParsedJson[]).find((n) => n.name === 'Ana')!;
    expect(anaNote.facts).toContain('Attendance: Late (arrived 14:44).');
  });

  it('a non-admin is refused (403) and nothing changes', async () => {
    const res = await fx.co.api.put('/api/settings', { clinicTimeZone: 'Asia/Tokyo' });
    expect(res.status).toBe(403);
    expect((await fx.co.api.get('/api/settings')).body.settings.clinicTimeZone).toBe('Europe/Berlin');
  });

  it('a zone that is not an IANA name is refused with a sentence that says what to give', async () => {
    for (const clinicTimeZone of ['Mars/Olympus_Mons', '+01:00', 'CET ', '', 'x'.repeat(65)]) {
      const res = await fx.lead.api.put('/api/settings', { clinicTimeZone });
      expect(res.status, clinicTimeZone).toBe(400);
      expect(res.body.code).toBe('BAD_REQUEST');
    }
    const res = await fx.lead.api.put('/api/settings', { clinicTimeZone: 'Europe/Atlantis' });
    expect(res.body.message).toBe(
      "The request was not understood (field 'clinicTimeZone' must be an IANA time zone such as Europe/Berlin).",
    );
    expect((await fx.lead.api.put('/api/settings', { clinicLocale: 'english please' })).status).toBe(400);
    expect((await fx.co.api.get('/api/settings')).body.settings).toMatchObject({ clinicTimeZone: 'Europe/Berlin', clinicLocale: 'de-DE' });
  });
});

describe('[D30] a change of the clinic’s place is audited', () => {
  it('names who changed it, what changed, and from what to what', async () => {
    const entries = await auditOf(fx.lead.api);
    const change = entries.find((e) => (e.detail.changed as string[]).includes('clinicTimeZone'))!;
    expect(change).toMatchObject({
      actorId: fx.lead.id,
      subjectType: 'settings',
      detail: {
        changed: ['clinicTimeZone', 'clinicLocale'],
        clinicTimeZone: 'Europe/Berlin',
        clinicTimeZoneBefore: 'America/New_York',
        clinicLocale: 'de-DE',
        clinicLocaleBefore: 'en-US',
      },
    });
    // Refused changes leave no line.
    expect(entries.filter((e) => (e.detail.changed as string[]).includes('clinicTimeZone'))).toHaveLength(1);
  });
});

describe('[R26] [D30] the first-account screen chooses the place', () => {
  it('keeps the browser’s zone and language given at setup, and audits them', async () => {
    const server = await startTestServer({ config: { clinicTimeZone: 'UTC', clinicLocale: 'en-GB' } });
    try {
      const setup = (body: object) =>
        fetch(`${server.url}/api/setup`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: server.url },
          body: JSON.stringify({ name: 'Robin Admin', email: 'robin@example.org', password: 'a long enough password', ...body }),
        });
      // A bad zone refuses the whole form: no account is made.
      const refused = await setup({ clinicTimeZone: 'Nowhere/Special' });
      expect(refused.status).toBe(400);
      expect(((await refused.json()) as { message: string }).message).toContain('must be an IANA time zone such as Europe/Berlin');
      const made = await setup({ clinicTimeZone: 'Australia/Adelaide', clinicLocale: 'en-AU' });
      expect(made.status).toBe(201);
      const cookie = made.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');
      const admin = apiClient(server, cookie);
      expect((await admin.get('/api/settings')).body.settings).toMatchObject({
        clinicTimeZone: 'Australia/Adelaide',
        clinicLocale: 'en-AU',
      });
      expect((await auditOf(admin))[0]).toMatchObject({
        detail: { via: 'setup', changed: ['clinicTimeZone', 'clinicLocale'], clinicTimeZone: 'Australia/Adelaide' },
      });
    } finally {
      await server.close();
    }
  });
});

describe('[R27] the review and the progress notes share one computation of the figures', () => {
  it('an ended session’s figures are computed once and reused until its log or names change', async () => {
    const { store } = fx.server.app;
    const cache = new ReviewCache(store, clock);
    const row = (await store.sessions.get(fx.sessionId))!;
    // The review is the cached part; the ratings beside it are read afresh each time (R34).
    const first = (await cache.figures(row)).review;
    expect((await cache.figures(row)).review).toBe(first);
    // A later version (or other names) is another key: the figures are computed again.
    const renamed = { ...row, version: row.version + 1 };
    expect((await cache.figures(renamed)).review).not.toBe(first);
    cache.forget(row.id);
    expect((await cache.figures(row)).review).not.toBe(first);
  });
});
