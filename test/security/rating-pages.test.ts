import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { linkToken } from '../../server/ratings/tokens.js';
import { member, openRatingLink, ratingBody, type OpenLink, type PageAnswer } from '../support/rating-pages.js';
import { send } from '../support/session-fixture.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { plainGet, startHttpsServer } from '../tls/support.js';
import { sendAsIs } from './support.js';

/**
 * The members' rating pages as an attacker meets them (docs/security.md S48–S53): the headers of
 * every answer, one calm answer for every link that opens nothing, one spelling of /r, limits per
 * address, only their own form bodies, and a token that opens nothing else.
 */
const SECRET = 'test-secret-that-is-long-enough-for-better-auth';
const SPA = 'SPA-INDEX-PAGE';
// Limits no test below reaches but the one that is about them (on servers of their own).
const ROOMY = { requestsPerMinute: 10_000, misses: 10_000, missWindowMs: 60_000 };

let open: OpenLink;
let base: string;
beforeAll(async () => {
  // A built client's index.html, so the page fallback that serves it is in the way too.
  const clientDir = fs.mkdtempSync(path.join(os.tmpdir(), 'holdspace-client-'));
  fs.writeFileSync(path.join(clientDir, 'index.html'), `<!doctype html><title>${SPA}</title>`);
  open = await openRatingLink({ config: { clientDir, ratingPages: ROOMY } });
  base = open.fx.server.url;
});
afterAll(() => open.fx.close());

const saved = () => open.fx.server.app.store.ratings.count(open.fx.sessionId);

/** S48's headers: the strict CSP, no caching, no Referer, no indexing, no cookie. */
function expectStrictHeaders(h: Headers, what: string) {
  const csp = h.get('content-security-policy') ?? '';
  expect(csp, what).toMatch(
    /^default-src 'none';style-src 'sha256-[A-Za-z0-9+/]+=*';form-action 'self';frame-ancestors 'none';base-uri 'none'$/,
  );
  expect(h.get('cache-control'), what).toBe('no-store');
  expect(h.get('referrer-policy'), what).toBe('no-referrer');
  expect(h.get('x-robots-tag'), what).toMatch(/noindex/);
  expect(h.get('x-content-type-options'), what).toBe('nosniff');
  expect(h.get('permissions-policy'), what).toMatch(/camera=\(\)/);
  expect(h.getSetCookie(), what).toEqual([]);
}

/** S48's headers, and a page with nothing but itself: its one style by hash, no script, no handler, nothing from elsewhere. */
function expectStrictPage(answer: PageAnswer, what: string) {
  expectStrictHeaders(answer.headers, what);
  expect(answer.headers.get('content-type'), what).toBe('text/html; charset=utf-8');
  const style = answer.html.match(/<style>([^<]*)<\/style>/)?.[1] ?? '';
  const hash = createHash('sha256').update(style).digest('base64');
  expect(answer.headers.get('content-security-policy'), `${what}: the hash is the page's style`).toContain(`'sha256-${hash}'`);
  expect(answer.html.match(/<style/g), what).toHaveLength(1);
  expect(answer.html, what).not.toMatch(/<script|<link|<img|<iframe|\son\w+=|style="|src=|https?:\/\//i);
}

/** What must be the same, byte for byte, between two answers that say "not open". */
const sameness = (a: PageAnswer) => ({
  status: a.status,
  html: a.html,
  headers: [...a.headers].filter(([name]) => !['date', 'keep-alive', 'connection'].includes(name)),
});

describe('[S48] every answer under /r carries the strict headers', () => {
  it('pages, redirects, refusals and the calm 404 alike; none sets a cookie or loads anything', async () => {
    const kit = open.fx.member.Kit!;
    const answers: [string, PageAnswer][] = [
      ['code page', await member(base, '/r')],
      ['code sent', await member(base, '/r', new URLSearchParams({ code: open.link.code }))],
      ['form', await member(base, `/r/${open.token}`)],
      ['kiosk form', await member(base, `/r/${open.token}?screen=1`)],
      // What the member typed comes back in the form, as text: markup in it is not markup on the page.
      [
        'form with problems',
        await member(base, `/r/${open.token}`, ratingBody(kit, { overall: undefined }, '"><script>alert(1)</script>')),
      ],
      ['thanks', await member(base, `/r/${open.token}`, ratingBody(kit))],
      ['kiosk thanks', await member(base, `/r/${open.token}?screen=1`, ratingBody(kit))],
      ['wrong link', await member(base, '/r/nothing.here')],
      ['deeper path', await member(base, `/r/${open.token}/x`)],
      ['upper case', await member(base, `/R/${open.token}`)],
      ['JSON body', await member(base, `/r/${open.token}`, JSON.stringify({ member: kit }), { 'content-type': 'application/json' })],
      ['too big', await member(base, `/r/${open.token}`, ratingBody(kit, {}, 'x'.repeat(5000)))],
      ['another site', await member(base, `/r/${open.token}`, ratingBody(kit), { 'sec-fetch-site': 'cross-site' })],
    ];
    expect(answers.find(([what]) => what === 'form with problems')![1].html).toContain(
      'value="&#34;&#62;&#60;script&#62;alert(1)&#60;/script&#62;"',
    );
    for (const [what, answer] of answers) {
      // A redirect has no page, but the same headers.
      if (what === 'code sent') expectStrictHeaders(answer.headers, what);
      else expectStrictPage(answer, what);
    }
    expect(answers.map(([what, a]) => `${what} ${a.status}`)).toEqual([
      'code page 200',
      'code sent 303',
      'form 200',
      'kiosk form 200',
      'form with problems 400',
      'thanks 200',
      'kiosk thanks 200',
      'wrong link 404',
      'deeper path 404',
      'upper case 404',
      'JSON body 415',
      'too big 413',
      'another site 403',
    ]);
  });
});

describe('[S49] one calm answer for every link or code that opens nothing', () => {
  it('made up, malformed, never issued, for no session, closed and expired: the same status, page and headers', async () => {
    // A server of its own: its link is stopped and its session ended here.
    const open = await openRatingLink({ config: { ratingPages: ROOMY } });
    const base = open.fx.server.url;
    onTestFinished(() => open.fx.close());
    const baseline = await member(base, `/r/${randomUUID()}.${'A'.repeat(24)}`);
    expect(baseline.status).toBe(404);
    expect(baseline.html).toContain('This rating link is not open.');
    expect(baseline.html).toContain('Ask your facilitator for the code on their screen.');
    const alike = async (what: string, answer: Promise<PageAnswer>) => expect(sameness(await answer), what).toEqual(sameness(baseline));
    const valid = ratingBody(open.fx.member.Sam!);

    await alike('a token this server signed for no session', member(base, `/r/${linkToken(SECRET, randomUUID())}`));
    await alike('a token signed under another secret', member(base, `/r/${linkToken('another secret', open.token.split('.')[0]!)}`));
    await alike('a token cut short', member(base, `/r/${open.token.slice(0, -1)}`));
    await alike('a token with spaces', member(base, '/r/not%20a%20token'));
    await alike('a very long token', member(base, `/r/${'a'.repeat(300)}`));
    await alike('dots', member(base, '/r/a..b'));
    await alike('a rating to a made-up token', member(base, `/r/${randomUUID()}.${'A'.repeat(24)}`, valid));
    for (const code of ['AAAAAA', 'ACDEF', 'ACDEFHJ', '', '0O0O0O', 'x'.repeat(40)])
      await alike(`the code "${code}"`, member(base, '/r', new URLSearchParams({ code })));

    // Closed by Stop collecting: its link and its code.
    const stopped = { token: open.token, code: open.link.code };
    expect((await open.fx.lead.api.post(`/api/sessions/${open.fx.sessionId}/ratings/stop`, undefined)).status).toBe(200);
    await alike('a stopped link', member(base, `/r/${stopped.token}`));
    await alike('a rating to a stopped link', member(base, `/r/${stopped.token}`, valid));
    await alike('a stopped code', member(base, '/r', new URLSearchParams({ code: stopped.code })));

    // Open again, then the session ends and 30 minutes pass: expired.
    const again = await open.fx.lead.api.post(`/api/sessions/${open.fx.sessionId}/ratings/collect`, undefined);
    const expiring = { token: String(again.body.link.url).split('/r/')[1]!, code: String(again.body.link.code) };
    expect((await member(base, `/r/${expiring.token}`)).status).toBe(200);
    expect(await send(open.fx.lead.socket, open.fx.sessionId, { type: 'session.end' })).toMatchObject({ ok: true });
    open.clock.advance(30 * 60_000 + 1);
    await alike('an expired link', member(base, `/r/${expiring.token}`));
    await alike('a rating to an expired link', member(base, `/r/${expiring.token}`, valid));
    await alike('an expired code', member(base, '/r', new URLSearchParams({ code: expiring.code })));
  });
});

describe('[S50] one spelling of /r', () => {
  it('every other spelling of a live link, and every deeper path, is the calm 404: never the form, never the client page', async () => {
    const t = open.token;
    const before = await saved();
    const calm = await member(base, `/r/${randomUUID()}.${'A'.repeat(24)}`);
    expect((await member(base, `/r/${t}`)).status).toBe(200);
    const hex = (c: string) => `%${c.charCodeAt(0).toString(16)}`;
    const spellings = [
      `/R/${t}`,
      `/r/${t}/`,
      `//r/${t}`,
      `/./r/${t}`,
      `/r/./${t}`,
      `/r//${t}`,
      `/%72/${t}`,
      `/%52/${t}`,
      `/r/${hex(t[0]!)}${t.slice(1)}`,
      `/r/${t.replace('.', '%2e')}`,
      `/r;x/${t}`,
      `/r/${t};x`,
      `/x/../r/${t}`,
      `/r\\${t}`,
      `/r/${t}/anything`,
      `/r/${t}/..`,
      `/r/${t}/%2e%2e`,
      `/r/${t}%2fx`,
      `/r/${t}/api/groups`,
      '/r/',
      '/R',
      '/r/.',
      '/r/%',
    ];
    const wrong: string[] = [];
    for (const spelled of spellings)
      for (const method of ['GET', 'POST']) {
        const body = method === 'POST' ? String(ratingBody(open.fx.member.Ana!)) : undefined;
        const headers: Record<string, string> = body
          ? { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(body.length) }
          : {};
        const answer = await sendRaw(spelled, method, headers, body);
        if (answer.status !== 404 || answer.text !== calm.html || answer.csp !== calm.headers.get('content-security-policy'))
          wrong.push(`${method} ${spelled} → ${answer.status} ${answer.text.slice(0, 60)}`);
      }
    expect(wrong).toEqual([]);
    // A target that does not start with "/" is refused by Node's HTTP parser before any route: nothing is reached.
    expect(await sendRaw(`\\r/${t}`, 'GET', {})).toEqual({ status: 400, text: '', csp: null });
    expect(await saved()).toBe(before);
    // Paths that only look like it are still the client's pages.
    for (const page of ['/rating', '/rr', '/groups/r', '/'])
      expect((await sendAsIs(open.fx.server, 'GET', page)).text, page).toContain(SPA);
  });
});

/** A request sent exactly as written (no normalising of the path), with its body. */
async function sendRaw(rawPath: string, method: string, headers: Record<string, string>, body?: string) {
  const http = await import('node:http');
  return new Promise<{ status: number; text: string; csp: string | null }>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: open.fx.server.port, method, path: rawPath, headers }, (res) => {
      let text = '';
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, text, csp: (res.headers['content-security-policy'] as string) ?? null }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('[S52] only their own forms', () => {
  it('JSON, multipart, plain text, no type, too big, too many fields and other sites are refused; nothing is saved', async () => {
    const ana = open.fx.member.Ana!;
    const to = `/r/${open.token}`;
    const before = await saved();
    const fields = Object.fromEntries(ratingBody(ana));
    const multipart = new FormData();
    for (const [k, v] of Object.entries(fields)) multipart.set(k, v);
    const refusals: [string, Promise<{ status: number }>][] = [
      ['JSON', member(base, to, JSON.stringify(fields), { 'content-type': 'application/json' })],
      ['multipart', fetch(`${base}${to}`, { method: 'POST', body: multipart, headers: { origin: 'null' } })],
      ['plain text', member(base, to, String(ratingBody(ana)), { 'content-type': 'text/plain' })],
      ['no type', fetch(`${base}${to}`, { method: 'POST', body: new Blob([String(ratingBody(ana))]) })],
      ['5 KB', member(base, to, ratingBody(ana, {}, 'x'.repeat(5000)))],
      ['17 fields', member(base, to, new URLSearchParams([...ratingBody(ana), ...Array.from({ length: 12 }, (_, i) => [`x${i}`, '1'])]))],
      ['another site', member(base, to, ratingBody(ana), { 'sec-fetch-site': 'cross-site' })],
      ['another origin', member(base, to, ratingBody(ana), { origin: 'http://evil.example', 'sec-fetch-site': 'same-origin' })],
      ['a field the page does not have', member(base, to, new URLSearchParams([...ratingBody(ana), ['sessionId', 'x']]))],
      ['a member twice', member(base, to, new URLSearchParams([...ratingBody(ana), ['member', open.fx.member.Kit!]]))],
    ];
    const statuses: string[] = [];
    for (const [what, answer] of refusals) statuses.push(`${what} ${(await answer).status}`);
    expect(statuses).toEqual([
      'JSON 415',
      'multipart 415',
      'plain text 415',
      'no type 415',
      '5 KB 413',
      '17 fields 413',
      'another site 403',
      'another origin 403',
      'a field the page does not have 400',
      'a member twice 400',
    ]);
    expect(await saved()).toBe(before);
    // From this origin by name, or as `null` (a no-referrer page's form post), it is taken.
    expect((await member(base, to, ratingBody(ana), { origin: base })).status).toBe(200);
    expect((await member(base, to, ratingBody(ana), { origin: 'null' })).status).toBe(200);
    expect(await saved()).toBe(before + 1);
  });
});

describe('[S53] the token opens the form and its submit, nothing else', () => {
  it('given to the API in the query, a header, a bearer or a cookie, it is a signed-out request', async () => {
    const t = open.token;
    const api = [
      `/api/groups?token=${t}`,
      `/api/sessions/${open.fx.sessionId}?token=${t}`,
      `/api/sessions/${open.fx.sessionId}/ratings?token=${t}`,
      `/api/sessions/${open.fx.sessionId}/ratings/link?t=${t}`,
      `/api/sessions/${open.fx.sessionId}/review?token=${t}`,
    ];
    const withToken: Record<string, string>[] = [{}, { authorization: `Bearer ${t}` }, { 'x-rating-token': t }, { cookie: `token=${t}` }];
    for (const p of api)
      for (const headers of withToken) {
        const res = await fetch(`${base}${p}`, { headers });
        expect(res.status, `${p} ${JSON.stringify(headers)}`).toBe(401);
        expect(await res.text()).not.toMatch(/Sam|Ana|Kit|Tuesday/);
      }
    for (const deeper of ['review', 'api/groups', 'ratings', 'link', '..%2f..%2fapi%2fgroups'])
      expect((await member(base, `/r/${t}/${deeper}`)).status, deeper).toBe(404);
  });
});

describe('[S51] limits per address', () => {
  let limited: OpenLink;
  let proxied: TestServer;
  beforeAll(async () => {
    limited = await openRatingLink({ config: { ratingPages: { requestsPerMinute: 1000, misses: 3, missWindowMs: 60_000 } } });
    proxied = await startTestServer({
      config: { trustProxy: 'loopback', ratingPages: { requestsPerMinute: 5, misses: 2, missWindowMs: 60_000 } },
    });
  });
  afterAll(async () => {
    await limited.fx.close();
    await proxied.close();
  });

  it('a few wrong codes, then every page of that address is a calm 429 until the window ends; a forged X-Forwarded-For changes nothing', async () => {
    const url = limited.fx.server.url;
    // Right answers are no misses: a facilitator's screen rates a whole group from one address.
    for (const name of ['Sam', 'Ana', 'Kit']) {
      expect((await member(url, '/r', new URLSearchParams({ code: limited.link.code }))).status).toBe(303);
      expect((await member(url, `/r/${limited.token}?screen=1`)).status).toBe(200);
      expect((await member(url, `/r/${limited.token}?screen=1`, ratingBody(limited.fx.member[name]!))).status).toBe(200);
    }
    for (let i = 0; i < 3; i++) expect((await member(url, '/r', new URLSearchParams({ code: `WRONG${i}` }))).status).toBe(404);
    const refused = await member(url, '/r', new URLSearchParams({ code: 'WRONG9' }));
    expect(refused.status).toBe(429);
    expect(refused.html).toContain('Too many tries from this device.');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expectStrictPage(refused, '429');
    // Even the right code, and the form itself, from this address.
    expect((await member(url, '/r', new URLSearchParams({ code: limited.link.code }))).status).toBe(429);
    expect((await member(url, `/r/${limited.token}`)).status).toBe(429);
    expect((await member(url, `/r/${limited.token}`, undefined, { 'x-forwarded-for': '10.9.9.9' })).status).toBe(429);
  });

  it('behind a trusted proxy each member address has its own count, of misses and of all requests', async () => {
    const from = (address: string) => ({ 'x-forwarded-for': address });
    const url = proxied.url;
    for (let i = 0; i < 2; i++) expect((await member(url, `/r/nothing${i}`, undefined, from('10.0.0.1'))).status).toBe(404);
    expect((await member(url, '/r', undefined, from('10.0.0.1'))).status).toBe(429);
    // Another phone on the same network is not held back by the first one's misses.
    for (let i = 0; i < 5; i++) expect((await member(url, '/r', undefined, from('10.0.0.2'))).status).toBe(200);
    expect((await member(url, '/r', undefined, from('10.0.0.2'))).status).toBe(429);
    expect((await member(url, '/r', undefined, from('10.0.0.3'))).status).toBe(200);
  });
});

describe('[S48] with HTTPS on the clinic LAN', () => {
  it('the pages are served over https with their headers and no HSTS; the LAN’s plain http is sent to them', async () => {
    const server = await startHttpsServer();
    onTestFinished(() => server.close());
    const answer = await new Promise<PageAnswer>((resolve, reject) => {
      https
        .get(
          { host: '127.0.0.1', port: server.port, path: '/r', ca: [server.keeper.caCertPem], servername: 'holdspace-box.local' },
          (res) => {
            let html = '';
            res.on('data', (chunk) => (html += chunk));
            res.on('end', () => {
              const headers = new Headers();
              for (const [name, value] of Object.entries(res.headers)) if (typeof value === 'string') headers.set(name, value);
              resolve({ status: res.statusCode!, html, headers });
            });
          },
        )
        .once('error', reject);
    });
    expect(answer.status).toBe(200);
    expectStrictPage(answer, 'over https');
    expect(answer.headers.get('strict-transport-security')).toBeNull();
    const plain = await plainGet(server.httpPort!, '/r', `holdspace-box.local:${server.httpPort}`);
    expect(plain.status).toBe(307);
    expect(plain.headers.location).toBe(`https://holdspace-box.local:${server.port}/r`);
  });
});
