import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { clinicTime } from '../shared/review/clinic-time.js';
import { exportJson, logCsv, membersCsv } from '../shared/review/exports.js';
import { computeReview } from '../shared/review/figures.js';
import { signIn } from '../test/support/http.js';
import { launchBrowser } from '../test/e2e/support/browser.js';
import { createAccount, startTestServer } from '../test/support/server.js';
import { LONG_PLAN, longSession, seedLog } from '../test/review/long-session.js';
import type { Row } from './report.js';

/**
 * The review's performance (issue 4): a 90-minute session of 12 members with 2,000 log entries
 * renders its review in under 300 ms of scripting in Chromium, and exports in under 100 ms on the
 * server. `benchReview()` returns rows for `npm run bench`; `tsx bench/review.ts` prints them.
 */
const TARGET = { renderScriptMs: 300, exportMs: 100 };
/** The group page's trends look across this many long sessions (the default window). */
const TREND_SESSIONS = 10;
const SIZE = { members: 12, entries: 2000, minutes: 90 };
const RUNS = { http: 15, render: 7 };
const NAMES = ['Sam', 'Ana', 'Kit', 'Jo', 'Lee', 'Priya', 'Noor', 'Ben', 'Cleo', 'Dev', 'Max', 'Uma'];
const PASSWORD = 'bench review password';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (v: number) => `${v.toFixed(v < 10 ? 1 : 0)} ms`;

/** Runs `f` once to warm up (JIT, the first read of the log from disk), then `runs` times. */
async function timed(runs: number, f: () => unknown): Promise<number[]> {
  await f();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await f();
    times.push(performance.now() - t);
  }
  return times;
}

/** Like `timed`, for an `f` that reports its own duration (the server's, here). */
async function reported(runs: number, f: () => Promise<number>): Promise<number[]> {
  await f();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await f());
  return times;
}

/** The current client, built into a scratch directory (dist/client is left to its owners). */
export function buildClient(): string {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'holdspace-review-bench-'));
  execFileSync('npx', ['vite', 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'], {
    stdio: 'pipe',
    timeout: 180_000,
    env: { ...process.env, NODE_ENV: 'production' },
  });
  return outDir;
}

export async function benchReview(): Promise<Row[]> {
  const clientDir = buildClient();
  const server = await startTestServer({ config: { clientDir, logLevel: 'silent', clinicTimeZone: 'Europe/Berlin' } });
  try {
    const lead = await createAccount(server, { name: 'Dana Lee', email: 'dana@bench.example', password: PASSWORD, admin: true });
    const co = await createAccount(server, { name: 'Robin Park', email: 'robin@bench.example', password: PASSWORD });
    const api = await signIn(server, 'dana@bench.example', PASSWORD);
    const group = await api.post('/api/groups', {
      name: 'Tuesday group',
      members: NAMES.slice(0, SIZE.members).map((name) => ({ name })),
      coFacilitatorId: co.id,
    });
    const seats: string[] = group.body.group.members.map((m: { id: string }) => m.id);
    const sessionId: string = (await api.post(`/api/groups/${group.body.group.id}/sessions`, { plan: LONG_PLAN })).body.session.id;
    const events = longSession({
      seats,
      lead: lead.id,
      co: co.id,
      entries: SIZE.entries,
      minutes: SIZE.minutes,
      start: Date.UTC(2026, 10, 27, 9),
    });
    seedLog(server, sessionId, LONG_PLAN, seats, events);

    // On the server: from a request's arrival to its response handed to the socket (auth, the log
    // read from SQLite, figures, file). The client is in this process too, so a stopwatch around
    // fetch would add its reading of a megabyte to the server's time.
    let serverMs = 0;
    server.app.httpServer.prependListener('request', (_req, res) => {
      const t = performance.now();
      res.once('finish', () => (serverMs = performance.now() - t));
    });
    const get = (file: string) => async () => {
      const res = await fetch(`${server.url}/api/sessions/${sessionId}/${file}`, { headers: { cookie: api.cookie } });
      if (!res.ok) throw new Error(`${file}: ${res.status}`);
      await res.arrayBuffer();
      return serverMs;
    };
    // The figures of an ended session are cached by its version and names: renaming a member
    // first makes a request compute them afresh from the log, as the first read of a session does.
    let renames = 0;
    const roster: { id: string; name: string }[] = group.body.group.members;
    const fresh = (file: string) => async () => {
      renames++;
      const members = roster.map((m, i) => ({ id: m.id, name: i === 0 ? `${m.name} ${renames}` : m.name }));
      const put = await api.put(`/api/groups/${group.body.group.id}`, { name: 'Tuesday group', members, coFacilitatorId: co.id });
      if (put.status !== 200) throw new Error(`rename: ${put.status}`);
      return get(file)();
    };
    const both = async (file: string) => ({
      fresh: median(await reported(RUNS.http, fresh(file))),
      again: median(await reported(RUNS.http, get(file))),
    });
    await both('review'); // warms the fresh path (a rename, the figures, the response) before anything counts
    const http = {
      'export.json': await both('export.json'),
      'export.csv': await both('export.csv'),
      'members.csv': await both('members.csv'),
      review: await both('review'),
      // The progress notes: facts from the figures for every member, then the saved versions.
      'progress-notes': await both('progress-notes'),
    };
    const log = events.map((event, i) => ({ version: i + 1, at: event.at, actorId: event.actor, commandId: `c${i}`, event }));
    const members = seats.map((id, seat) => ({ id, name: NAMES[seat]!, seat }));
    const input = {
      sessionId,
      groupId: 'g',
      groupName: 'Tuesday group',
      plan: LONG_PLAN,
      seats,
      members,
      facilitators: [],
      log,
      asOf: events.at(-1)!.at,
    };
    const pure = median(
      await timed(RUNS.http, () => {
        const review = computeReview(input);
        const record = { lock: null, intact: null, signatures: [], addenda: [] };
        JSON.stringify(exportJson({ review, log, record, timeZone: 'Europe/Berlin', exportedAt: Date.now() }));
        logCsv(review, 'Europe/Berlin');
        membersCsv(review, 'Europe/Berlin', clinicTime({ locale: 'de-DE', timeZone: 'Europe/Berlin' }).clock);
      }),
    );

    const render = await renderScripting(
      server.url,
      `#/sessions/${sessionId}/review`,
      () => document.querySelectorAll('.log-table tbody tr').length >= 200 && !!document.querySelector('.timeline'),
    );

    // The group page with its trends (issue 17 §5): nine more long sessions, so its window of ten
    // is full.
    const groupId: string = group.body.group.id;
    for (let n = 1; n < TREND_SESSIONS; n++) {
      const id: string = (await api.post(`/api/groups/${groupId}/sessions`, { plan: LONG_PLAN })).body.session.id;
      const start = Date.UTC(2026, 10, 27, 9) + n * 7 * 86_400_000;
      seedLog(
        server,
        id,
        LONG_PLAN,
        seats,
        longSession({ seats, lead: lead.id, co: co.id, entries: SIZE.entries, minutes: SIZE.minutes, start, seed: 7 + n }),
      );
    }
    const trendsGet = async () => {
      const res = await fetch(`${server.url}/api/groups/${groupId}/trends`, { headers: { cookie: api.cookie } });
      const body = (await res.json()) as { trends: { sessions: unknown[] } };
      if (!res.ok || body.trends.sessions.length !== TREND_SESSIONS) throw new Error(`trends: ${res.status}`);
      return serverMs;
    };
    // The first read computes every session's figures from its log; later ones find them kept.
    const trendsFirstMs = await trendsGet();
    const trendsMs = median(await reported(RUNS.http, trendsGet));
    const groupRender = await renderScripting(
      server.url,
      `#/groups/${groupId}`,
      () => document.querySelectorAll('.trend-chart').length >= 3 + 12,
    );
    const row = (metric: string, value: number, target: number): Row => ({
      metric,
      baseline: '—',
      holdspace: fmt(value),
      ratio: '—',
      target: `< ${target} ms`,
      met: value < target ? 'yes' : 'NO',
    });
    const size = `${SIZE.minutes}-min session, ${SIZE.members} members, ${events.length} log entries`;
    return [
      row(`review: render in Chromium, scripting (median of ${RUNS.render}; ${size})`, median(render.script), TARGET.renderScriptMs),
      row('review: render in Chromium, scripting, first open (chunk not yet loaded)', render.script[0]!, TARGET.renderScriptMs),
      { ...row('review: render in Chromium, layout (median)', median(render.layout), Infinity), target: '—', met: '' },
      ...(['export.json', 'export.csv', 'members.csv'] as const).flatMap((file) => [
        row(`review: GET ${file}, figures computed from the log (median, server time)`, http[file].fresh, TARGET.exportMs),
        row(`review: GET ${file}, figures cached (median, server time)`, http[file].again, TARGET.exportMs),
      ]),
      {
        ...row('review: GET review, figures computed from the log (median, server time)', http.review.fresh, Infinity),
        target: '—',
        met: '',
      },
      row('review: GET progress-notes, facts computed from the log (median, server time)', http['progress-notes'].fresh, TARGET.exportMs),
      // The review's cache serves the notes too (docs/review.md R27).
      row('review: GET progress-notes, figures cached (median, server time)', http['progress-notes'].again, TARGET.exportMs),
      row(
        `group page with its trends: render in Chromium, scripting (median of ${RUNS.render}; ${TREND_SESSIONS} such sessions)`,
        median(groupRender.script),
        TARGET.renderScriptMs,
      ),
      {
        ...row(
          `group page: GET trends over ${TREND_SESSIONS} such sessions, first read (figures from the logs, server time)`,
          trendsFirstMs,
          Infinity,
        ),
        target: '—',
        met: '',
      },
      { ...row('group page: GET trends, figures kept (median, server time)', trendsMs, Infinity), target: '—', met: '' },
      { ...row('review: figures + all three exports, in process (median)', pure, Infinity), target: '—', met: '' },
    ];
  } finally {
    await server.close();
    fs.rmSync(clientDir, { recursive: true, force: true });
  }
}

/**
 * Scripting time of opening a page from the signed-in app (the review: the lazy chunk, the fetch
 * and the render), until `ready` holds in the page (the review: the timeline and the first page
 * of the Phase log on screen). Read from Chromium's own counters (Performance.getMetrics), not
 * from a stopwatch around the browser.
 */
async function renderScripting(url: string, hash: string, ready: () => boolean): Promise<{ script: number[]; layout: number[] }> {
  const browser = await launchBrowser();
  const script: number[] = [];
  const layout: number[] = [];
  try {
    const context = await browser.newContext({ baseURL: url, viewport: { width: 1024, height: 768 } });
    await context.request.post('/api/auth/sign-in/email', {
      data: { email: 'dana@bench.example', password: PASSWORD },
      headers: { origin: url },
    });
    for (let run = 0; run < RUNS.render; run++) {
      const page = await context.newPage();
      await page.goto('/');
      await page.waitForSelector('.topbar');
      const cdp = await context.newCDPSession(page);
      await cdp.send('Performance.enable');
      const metrics = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
      const before = await metrics();
      await page.evaluate((to) => (window.location.hash = to), hash);
      while (!(await page.evaluate(ready))) await new Promise((r) => setTimeout(r, 10));
      const after = await metrics();
      // The first run also fetches and compiles the review's lazy chunk: it counts, and is reported alone too.
      script.push((after.ScriptDuration! - before.ScriptDuration!) * 1000);
      layout.push((after.LayoutDuration! - before.LayoutDuration!) * 1000);
      await page.close();
    }
  } finally {
    await browser.close();
  }
  return { script, layout };
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const rows = await benchReview();
  for (const r of rows) console.log(`${r.metric}: ${r.holdspace}${r.target !== '—' ? ` (target ${r.target}: ${r.met})` : ''}`);
}
