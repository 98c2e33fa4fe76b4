import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clinic, makeGroup, runSession, type Clinic } from '../privacy/support.js';
import { signIn, type ApiClient } from '../support/http.js';
import { createAccount } from '../support/server.js';
import { sendAsIs, type AsIs } from './support.js';

/**
 * The record's routes spelled as an attacker spells them (S47): `/./`, `//`, `%2e`, `%2f`, `..`,
 * a trailing slash, other cases, an escaped letter. Each answers as the canonical route does for
 * the same caller, or 404; never the record to a caller the canonical route refuses.
 */
const NOTE = 'Quillonetta spoke about the weekend';
const REVIEWER = { name: 'Sol Reviewer', email: 'sol@example.org', password: 'reviewer password 123' };
const OUTSIDER = { name: 'Oli Outside', email: 'oli@example.org', password: 'outsider password 123' };

let c: Clinic;
const callers: Record<string, ApiClient | null> = {};
const ids = { group: '', ended: '', live: '', part2: '', member: '' };

beforeAll(async () => {
  // A built client's index.html, so the fallback that serves it for page reloads is in the way too.
  const clientDir = fs.mkdtempSync(path.join(os.tmpdir(), 'holdspace-client-'));
  fs.writeFileSync(path.join(clientDir, 'index.html'), '<!doctype html><title>Holdspace</title>');
  c = await clinic({ config: { clientDir } });
  const { id: reviewerId } = await createAccount(c.server, REVIEWER);
  await createAccount(c.server, OUTSIDER);
  for (const [substanceUse, ended] of [
    [false, 'ended'],
    [true, 'part2'],
  ] as const) {
    const { groupId, member } = await makeGroup(c, ['Quillonetta', 'Brannock'], { substanceUse });
    expect((await c.lead.post(`/api/groups/${groupId}/reviewers`, { userId: reviewerId })).status).toBe(201);
    ids[ended] = await runSession(c, groupId, member.Quillonetta!, NOTE);
    if (!substanceUse) {
      ids.group = groupId;
      ids.member = member.Quillonetta!;
      ids.live = await runSession(c, groupId, member.Quillonetta!, NOTE, false);
    }
  }
  Object.assign(callers, {
    'signed out': null,
    outsider: await signIn(c.server, OUTSIDER.email, OUTSIDER.password),
    reviewer: await signIn(c.server, REVIEWER.email, REVIEWER.password),
    co: c.co,
    lead: c.lead,
  });
});
afterAll(() => c.close());

/** Every route that returns or writes a session's record; writes carry a body no schema takes. */
const ROUTES: { method: string; path: () => string; body?: object }[] = [
  ...['', '/log', '/review', '/export.json', '/export.csv', '/members.csv', '/progress-notes'].flatMap((rest) =>
    (['ended', 'live', 'part2'] as const).map((which) => ({ method: 'GET', path: () => `/api/sessions/${ids[which]}${rest}` })),
  ),
  { method: 'GET', path: () => `/api/groups/${ids.group}/review` },
  { method: 'PUT', path: () => `/api/sessions/${ids.ended}/progress-notes/${ids.member}`, body: { unexpected: true } },
  { method: 'POST', path: () => `/api/sessions/${ids.ended}/progress-notes/${ids.member}/addenda`, body: { unexpected: true } },
  { method: 'POST', path: () => `/api/sessions/${ids.ended}/sign`, body: { unexpected: true } },
  { method: 'POST', path: () => `/api/sessions/${ids.ended}/addenda`, body: { unexpected: true } },
];

/** How an attacker spells `/api/<a>/<id>/<last>`; null where a spelling does not apply. */
const SPELLINGS: Record<string, (p: string) => string | null> = {
  'dot segment': (p) => p.replace('/api/', '/api/./'),
  'dot segment before the last part': (p) => p.replace(/\/([^/]+)$/, '/./$1'),
  'double slash in front': (p) => `/${p}`,
  'double slash inside': (p) => p.replace('/api/', '/api//'),
  '%2e segment': (p) => p.replace(/\/([^/]+)$/, '/%2e/$1'),
  '%2E%2E after a made-up part': (p) => p.replace(/\/([^/]+)$/, '/x/%2E%2E/$1'),
  'x/..': (p) => p.replace(/\/([^/]+)$/, '/x/../$1'),
  '%2f for the last slash': (p) => p.replace(/\/([^/]+)$/, '%2f$1'),
  '%2F after /api': (p) => p.replace('/api/', '/api%2F'),
  'trailing slash': (p) => `${p}/`,
  'upper case': (p) => p.toUpperCase(),
  'upper-case base': (p) => p.replace('/api/', '/API/'),
  'upper-case last part': (p) => p.replace(/\/([^/]+)$/, (_m, last: string) => `/${last.toUpperCase()}`),
  'escaped letter': (p) => p.replace(/([a-z])$/, (l) => `%${l.charCodeAt(0).toString(16)}`),
  backslash: (p) => p.replace(/\/([^/]+)$/, '\\$1'),
  'semicolon parameter': (p) => `${p};x=1`,
};

/** What matters of an answer: its status, whether it holds the record, and its cache rule. */
function answerOf(res: AsIs) {
  // An error page may echo the path it was asked for (ids and all); the record is JSON or a download.
  const read = res.contentType?.includes('html') ? [NOTE] : [NOTE, ids.ended, ids.live, ids.part2];
  const holdsRecord = read.some((part) => res.text.includes(part));
  return { status: res.status, holdsRecord, cacheControl: res.cacheControl };
}

describe('[S47] the record’s routes have no second spelling', () => {
  it('every spelling answers as the canonical route does for that caller, or 404; never the record to one refused', async () => {
    const wrong: string[] = [];
    for (const [who, api] of Object.entries(callers)) {
      const headers = { origin: c.server.url, ...(api ? { cookie: api.cookie } : {}) };
      for (const route of ROUTES) {
        const canonical = answerOf(await sendAsIs(c.server, route.method, route.path(), headers, route.body));
        // A write with a body no schema takes changes nothing; were it taken, this test would change the record.
        if (route.method !== 'GET') expect(canonical.status, `${who} ${route.method} ${route.path()}`).toBeGreaterThanOrEqual(400);
        for (const [name, spell] of Object.entries(SPELLINGS)) {
          const spelled = spell(route.path());
          if (spelled === null || spelled === route.path()) continue;
          const answer = answerOf(await sendAsIs(c.server, route.method, spelled, headers, route.body));
          const same = answer.status === canonical.status && answer.cacheControl === canonical.cacheControl;
          if (!same && answer.status !== 404)
            wrong.push(`${who} ${name}: ${route.method} ${spelled} → ${answer.status} (canonical ${canonical.status})`);
          if (answer.holdsRecord && canonical.status !== 200) wrong.push(`${who} ${name}: ${spelled} gave the record`);
        }
      }
    }
    expect(wrong).toEqual([]);
  }, 120_000);

  it('the canonical routes still answer as the matrix says, so the comparison above means something', async () => {
    const get = async (api: ApiClient | null, p: string) =>
      (await sendAsIs(c.server, 'GET', p, { origin: c.server.url, ...(api ? { cookie: api.cookie } : {}) })).status;
    expect(await get(callers.lead!, `/api/sessions/${ids.ended}/progress-notes`)).toBe(200);
    expect(await get(callers.reviewer!, `/api/sessions/${ids.ended}/progress-notes`)).toBe(200);
    expect(await get(callers.reviewer!, `/api/sessions/${ids.live}/review`)).toBe(403);
    expect(await get(callers.reviewer!, `/api/sessions/${ids.ended}/log`)).toBe(404);
    expect(await get(callers.co!, `/api/sessions/${ids.part2}/export.csv`)).toBe(403);
    expect(await get(callers.outsider!, `/api/sessions/${ids.ended}/review`)).toBe(404);
    expect(await get(null, `/api/sessions/${ids.ended}/review`)).toBe(401);
  });
});
