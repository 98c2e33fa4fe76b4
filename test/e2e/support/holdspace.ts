import { afterAll, beforeAll, expect } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { GroupInput, GroupSummary, SessionInputBody, SessionSummary } from '../../../shared/schemas/rest.js';
import { REACTION_MS } from '../../../shared/sync/reaction.js';
import { createAccount, startTestServer, type AccountInput, type TestServer } from '../../support/server.js';
import { launchBrowser } from './browser.js';

export const PASSWORD = 'correct horse battery';
export const DANA: AccountInput = { name: 'Dana Lee', email: 'dana@example.org', password: PASSWORD, admin: true };
export const ALEX: AccountInput = { name: 'Alex Kim', email: 'alex@example.org', password: PASSWORD };

/**
 * A real server serving the built client, with the lead (Dana) and a co-facilitator (Alex).
 * E2E_LOG_LEVEL=error (say) shows the server's log while debugging a failure.
 */
export async function startHoldspace({ accounts = true } = {}): Promise<TestServer & { ids: { dana: string; alex: string } }> {
  const server = await startTestServer({ serveClient: true, config: { logLevel: process.env.E2E_LOG_LEVEL ?? 'silent' } });
  const ids = { dana: '', alex: '' };
  if (accounts) {
    ids.dana = (await createAccount(server, DANA)).id;
    ids.alex = (await createAccount(server, ALEX)).id;
  }
  return Object.assign(server, { ids });
}

export interface Screen {
  context: BrowserContext;
  page: Page;
  /** Uncaught errors in the page: a test ends by expecting none. */
  errors: string[];
}

/**
 * The origin each screen's context talks to. API calls made beside the page (not by it) must say
 * it, as the browser says it on every request of the page's own (docs/security.md S28).
 */
const origins = new WeakMap<BrowserContext, string>();
const asTheApp = (screen: Screen) => ({ origin: origins.get(screen.context)! });

interface ScreenOptions {
  account?: AccountInput;
  colorScheme?: 'light' | 'dark';
  /** Shifts this screen's Date.now (and new Date()) by this much, as a tablet with a wrong clock. */
  clockShiftMs?: number;
  /** The device: a tablet on its side (1024×768) unless given, e.g. a phone (DEVICES.phone). */
  device?: Device;
}

export interface Device {
  viewport: { width: number; height: number };
  isMobile?: boolean;
  hasTouch?: boolean;
}

/** The screens of BRIEF §1, each designed for on purpose. */
export const DEVICES = {
  phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
  phoneOnItsSide: { viewport: { width: 844, height: 390 }, isMobile: true, hasTouch: true },
  tabletUpright: { viewport: { width: 820, height: 1180 }, isMobile: true, hasTouch: true },
  tablet: { viewport: { width: 1024, height: 768 }, hasTouch: true },
  laptop: { viewport: { width: 1366, height: 768 } },
} as const satisfies Record<string, Device>;

/** A tablet-sized browser context, signed in over the API when an account is given. */
export async function openScreen(browser: Browser, server: TestServer, options: ScreenOptions = {}): Promise<Screen> {
  const context = await browser.newContext({
    baseURL: server.url,
    viewport: { width: 1024, height: 768 },
    ...options.device,
    colorScheme: options.colorScheme ?? 'light',
    reducedMotion: 'reduce',
  });
  origins.set(context, server.url);
  if (options.clockShiftMs) await context.addInitScript(shiftClock, options.clockShiftMs);
  if (options.account) {
    const response = await context.request.post('/api/auth/sign-in/email', {
      data: { email: options.account.email, password: options.account.password },
      headers: { origin: server.url },
    });
    expect(response.ok(), `sign-in of ${options.account.email}`).toBe(true);
  }
  // Generous for a busy two-core machine; a failing step still fails in seconds, not minutes.
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  // The app must work under the server's strict Content-Security-Policy: any refusal is a failure.
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) errors.push(message.text());
  });
  return { context, page, errors };
}

/** Runs in the page before its scripts: a device clock that is off by `shiftMs`. */
function shiftClock(shiftMs: number) {
  const RealDate = Date;
  const realNow = Date.now.bind(Date);
  class ShiftedDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(realNow() + shiftMs);
      else super(...(args as [string]));
    }
    static override now() {
      return realNow() + shiftMs;
    }
  }
  globalThis.Date = ShiftedDate as DateConstructor;
}

export const FOUR_MEMBERS = ['Sam', 'Priya', 'Jo', 'Lee'];

/** A group made over REST by the signed-in lead, with Alex as co-facilitator. */
export async function createGroup(
  screen: Screen,
  server: { ids: { alex: string } },
  input: Partial<GroupInput> = {},
): Promise<GroupSummary> {
  const response = await screen.context.request.post('/api/groups', {
    headers: asTheApp(screen),
    data: {
      name: 'Tuesday anxiety group',
      agreements: 'What is said here stays here.\nOne person speaks at a time.\nYou may pass.',
      members: FOUR_MEMBERS.map((name) => ({ name })),
      coFacilitatorId: server.ids.alex,
      ...input,
    },
  });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { group: GroupSummary }).group;
}

export async function createSession(screen: Screen, groupId: string, body: SessionInputBody = {}): Promise<SessionSummary> {
  const response = await screen.context.request.post(`/api/groups/${groupId}/sessions`, { data: body, headers: asTheApp(screen) });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { session: SessionSummary }).session;
}

/** The named parts of a session screen, by the accessible names of the UI vocabulary. */
export function ui(page: Page) {
  return {
    status: page.getByRole('status'),
    currentPhase: page.getByRole('region', { name: 'Current phase' }),
    currentSpeaker: page.getByRole('region', { name: 'Current speaker' }),
    queue: page.getByRole('region', { name: 'Speaking queue' }),
    timer: (name: 'Session time' | 'Phase time' | 'Turn time') => page.getByRole('timer', { name }),
    button: (name: string) => page.getByRole('button', { name, exact: true }),
    tile: (member: string) => page.getByRole('button', { name: member, exact: true }),
    dialog: page.getByRole('dialog'),
  };
}

/**
 * A press of a versioned button (Next speaker, Next phase, End turn, Pass) as a person makes it:
 * after having the screen in view for the reaction window, since a press sooner than that after a
 * change is taken as meant for the state before it (P45) — a test that presses at machine speed
 * right after a change would be refused STALE, as it should.
 */
export async function press(page: Page, name: 'Next speaker' | 'Next phase' | 'End turn' | 'Pass'): Promise<void> {
  await page.waitForTimeout(REACTION_MS + 50);
  await ui(page).button(name).click();
}

/** The keyboard shortcut of a versioned press (Space, N), after the reaction window (P45). */
export async function pressKey(page: Page, key: string): Promise<void> {
  await page.waitForTimeout(REACTION_MS + 50);
  await page.keyboard.press(key);
}

/** Opens a member's actions (the companion of the tile, P46) and picks one of them. */
export async function memberAction(page: Page, member: string, action: string): Promise<void> {
  await page.getByRole('button', { name: `Actions for ${member}`, exact: true }).click();
  const menu = page.getByRole('dialog', { name: member });
  await menu.getByRole('button', { name: action, exact: true }).click();
  await eventually(() => menu.count()).toBe(0);
}

/** Vitest's expect, polled: the UI catches up with the server within a few seconds. */
export function eventually<T>(read: () => T | Promise<T>) {
  return expect.poll(read, { timeout: 10_000, interval: 50 });
}

/** Opens a session as a screen does after sign-in, and waits for it to connect. */
export async function openSession(screen: Screen, sessionId: string): Promise<void> {
  await screen.page.goto(`/#/sessions/${sessionId}`);
  await eventually(() => ui(screen.page).status.textContent()).toBe('Connected');
}

/** A live session (Introduction, all four present) open on the lead's and the co's screens. */
export async function startLiveSession(server: { ids: { alex: string } }, lead: Screen, co: Screen): Promise<string> {
  const group = await createGroup(lead, server);
  const session = await createSession(lead, group.id);
  await goLive(lead, co, session.id);
  return session.id;
}

/** A planned session (of the four members) opened on both screens, started on the lead's. */
export async function goLive(lead: Screen, co: Screen, sessionId: string): Promise<void> {
  const session = { id: sessionId };
  await openSession(lead, session.id);
  for (const name of FOUR_MEMBERS) await lead.page.getByRole('checkbox', { name: `Present: ${name}` }).check();
  await ui(lead.page).button('Start session').click();
  await eventually(() => ui(lead.page).currentPhase.textContent()).toBe('Introduction');
  await openSession(co, session.id);
  await eventually(() => ui(co.page).currentPhase.textContent()).toBe('Introduction');
}

/**
 * The same check on the lead's and the co-facilitator's screens: both must agree. `screens` is
 * read at each call, since tests open their screens in `beforeAll`.
 */
export function bothScreens(screens: () => [Screen, Screen]) {
  const onBoth = (check: (page: Page) => Promise<unknown>) => Promise.all(screens().map((screen) => check(screen.page)));
  return {
    onBoth,
    phaseIs: (name: string) => onBoth((page) => eventually(() => ui(page).currentPhase.textContent()).toBe(name)),
    speakerIs: (name: string) =>
      onBoth((page) => eventually(() => ui(page).currentSpeaker.locator('.speaker-name').textContent()).toBe(name)),
    queueIs: (names: string[]) =>
      onBoth((page) => eventually(() => ui(page).queue.locator('.queue-name').allTextContents()).toEqual(names)),
  };
}

/**
 * One Chromium and one Holdspace for a test file: started before its tests (before the file's own
 * `beforeAll`, which may use them), closed after them.
 */
export function browserAndServer(): { readonly browser: Browser; readonly server: Awaited<ReturnType<typeof startHoldspace>> } {
  const env = {} as { browser: Browser; server: Awaited<ReturnType<typeof startHoldspace>> };
  beforeAll(async () => {
    [env.browser, env.server] = await Promise.all([launchBrowser(), startHoldspace()]);
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}

/** The body rows of the table named `name`, each as its cells' text (`head: true`: the header row first). */
export async function rowsOf(page: Page, name: string, { head = false } = {}): Promise<string[][]> {
  const table = page.getByRole('table', { name, exact: true });
  await table.waitFor();
  return table
    .locator(head ? 'thead tr, tbody tr' : 'tbody tr')
    .evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent?.trim() ?? '')));
}
