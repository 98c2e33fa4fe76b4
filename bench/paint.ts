import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { PHASE_LABELS, PHASES } from '../shared/phases.js';
import { launchBrowser } from '../test/e2e/support/browser.js';
import { DEVICES, type Device } from '../test/e2e/support/holdspace.js';
import { createAccount, startTestServer, type TestServer } from '../test/support/server.js';
import type { Row } from './report.js';
import { buildClient } from './review.js';

/**
 * Screen-to-screen paint latency (issue 3): a phase change made on the lead's console, measured
 * until the co-facilitator's console has painted it, over 50 changes, two Chromium contexts
 * against a local server. Both pages live in one Chromium, so `performance.timeOrigin + now()` is
 * one clock for both: the press is stamped in the lead's page, the paint in the co's page (the
 * animation frame after the "Current phase" region changed). Measured on each of the co's screens
 * the console is laid out for (issue 15): a tablet on its side, an upright tablet, a laptop, and a
 * phone (390×844, mobile emulation) with its CPU slowed 4×.
 */
const CHANGES = 50;
const TARGET_P95_MS = 100;
const PASSWORD = 'bench paint password';
const MEMBERS = ['Sam', 'Ana', 'Kit'];

/** The co-facilitator's device for a run. */
interface CoDevice {
  name: string;
  device: Device;
  /** Chromium's CPU throttling rate for the co's page (1 = none). */
  cpuSlowdown: number;
}

const CO_DEVICES: CoDevice[] = [
  { name: "the co's tablet", device: DEVICES.tablet, cpuSlowdown: 1 },
  { name: "the co's upright tablet, 820×1180", device: DEVICES.tabletUpright, cpuSlowdown: 1 },
  { name: "the co's laptop, 1366×768", device: DEVICES.laptop, cpuSlowdown: 1 },
  { name: "the co's phone, 390×844, CPU 4× slower", device: DEVICES.phone, cpuSlowdown: 4 },
];

async function screen(
  server: TestServer,
  browser: Browser,
  email: string,
  device: Device = DEVICES.tablet,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL: server.url,
    ...device,
    reducedMotion: 'reduce',
  });
  const signIn = await context.request.post('/api/auth/sign-in/email', {
    data: { email, password: PASSWORD },
    headers: { origin: server.url },
  });
  if (!signIn.ok()) throw new Error(`sign-in ${email}: ${signIn.status()}`);
  return { context, page: await context.newPage() };
}

async function connected(page: Page, sessionId: string) {
  await page.goto(`/#/sessions/${sessionId}`);
  await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
}

export async function benchPaint(): Promise<Row[]> {
  const clientDir = buildClient();
  const server = await startTestServer({
    config: { clientDir, logLevel: 'silent' },
  });
  const browser = await launchBrowser();
  try {
    await createAccount(server, {
      name: 'Dana Lee',
      email: 'dana@paint.example',
      password: PASSWORD,
      admin: true,
    });
    const co = await createAccount(server, {
      name: 'Alex Kim',
      email: 'alex@paint.example',
      password: PASSWORD,
    });
    const rows: Row[] = [];
    for (const device of CO_DEVICES) rows.push(await measure(server, browser, co.id, device));
    return rows;
  } finally {
    await browser.close();
    await server.close();
    fs.rmSync(clientDir, { recursive: true, force: true });
  }
}

async function measure(server: TestServer, browser: Browser, coId: string, device: CoDevice): Promise<Row> {
  const lead = await screen(server, browser, 'dana@paint.example');
  const other = await screen(server, browser, 'alex@paint.example', device.device);
  if (device.cpuSlowdown > 1) {
    const cdp = await other.context.newCDPSession(other.page);
    await cdp.send('Emulation.setCPUThrottlingRate', {
      rate: device.cpuSlowdown,
    });
  }
  const co = { id: coId };
  const group = await lead.context.request.post('/api/groups', {
    data: {
      name: 'Paint group',
      members: MEMBERS.map((name) => ({ name })),
      coFacilitatorId: co.id,
    },
    headers: { origin: server.url },
  });
  const groupId = ((await group.json()) as { group: { id: string } }).group.id;
  const planned = await lead.context.request.post(`/api/groups/${groupId}/sessions`, { data: {}, headers: { origin: server.url } });
  const sessionId = ((await planned.json()) as { session: { id: string } }).session.id;

  await connected(lead.page, sessionId);
  for (const name of MEMBERS) await lead.page.getByRole('checkbox', { name: `Present: ${name}` }).check();
  await lead.page.getByRole('button', { name: 'Start session', exact: true }).click();
  await connected(other.page, sessionId);
  const region = other.page.getByRole('region', { name: 'Current phase' });
  await region.filter({ hasText: 'Introduction' }).waitFor();
  await region.evaluate((el) => {
    const paints: { text: string; at: number }[] = [];
    (window as unknown as { paints: typeof paints }).paints = paints;
    new MutationObserver(() =>
      requestAnimationFrame(() =>
        paints.push({
          text: el.textContent ?? '',
          at: performance.timeOrigin + performance.now(),
        }),
      ),
    ).observe(el, { subtree: true, childList: true, characterData: true });
  });

  const latencies: number[] = [];
  for (let i = 0; i < CHANGES; i++) {
    const label = PHASE_LABELS[PHASES[(i + 1) % PHASES.length]!];
    const button = await lead.page.getByRole('button', { name: `Go to ${label}`, exact: true }).elementHandle();
    const pressedAt = await lead.page.evaluate((b) => {
      const at = performance.timeOrigin + performance.now();
      (b as HTMLButtonElement).click();
      return at;
    }, button);
    const paintedAt = await other.page.waitForFunction(
      (text) => (window as unknown as { paints: { text: string; at: number }[] }).paints.find((p) => p.text.includes(text))?.at,
      label,
      { polling: 'raf', timeout: 10_000 },
    );
    latencies.push(((await paintedAt.jsonValue()) as number) - pressedAt);
    await other.page.evaluate(() => ((window as unknown as { paints: unknown[] }).paints.length = 0));
    // The lead's own screen must have settled too before the next press (its buttons re-enable).
    await lead.page.getByRole('region', { name: 'Current phase' }).filter({ hasText: label }).waitFor();
  }
  await lead.context.close();
  await other.context.close();
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  const fmt = (v: number) => `${v.toFixed(1)} ms`;
  return {
    metric: `screen-to-screen paint: phase change on the lead's console → painted on ${device.name} (${CHANGES} changes; p50 / p95 / max)`,
    baseline: '—',
    holdspace: `${fmt(at(0.5))} / ${fmt(at(0.95))} / ${fmt(sorted.at(-1)!)}`,
    ratio: '—',
    target: `p95 ≤ ${TARGET_P95_MS} ms`,
    met: at(0.95) <= TARGET_P95_MS ? 'yes' : 'NO',
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  for (const r of await benchPaint()) console.log(`${r.metric}: ${r.holdspace} (target ${r.target}: ${r.met})`);
}
