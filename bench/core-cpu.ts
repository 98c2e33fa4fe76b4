import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { systemClock } from '../server/clock.js';
import { createLiveCore } from '../server/live/core.js';
import { LiveSessions } from '../server/live/live-sessions.js';
import { step } from '../server/live/step.js';
import { sessionViews } from '../server/live/views.js';
import { createLogger } from '../server/logger.js';
import { sqliteStore } from '../server/store/sqlite/index.js';
import { openDatabase } from '../server/store/sqlite/open.js';
import type { SessionEvent } from '../shared/session/events.js';
import { instant } from '../shared/time.js';
import { nextCommand, type CycleState } from './commands.js';
import { openSeeder, seedAccounts } from './seed.js';

/**
 * CPU per 1,000 commands of the live core in process: `core.execute` (validation, the session's
 * queue, access, dedupe, the machine step, the patch, the group commit and its sync) over a real
 * SQLite store, with no sockets. Waves of one command per session, the bench's mix. The baseline,
 * in the same run, is the machine step alone on the same commands. For comparing two commits side
 * by side on a busy machine, where the socket bench is saturated (docs/performance.md item 14):
 *
 *   CORE_SESSIONS=1000 CORE_ROUNDS=12 npx tsx bench/core-cpu.ts
 */
const SESSIONS = Number(process.env.CORE_SESSIONS ?? 1000);
const ROUNDS = Number(process.env.CORE_ROUNDS ?? 12);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holdspace-core-cpu-'));
const accounts = await seedAccounts(dir, 1, 1);
const seeder = openSeeder(dir, accounts);
const sessions = seeder.addSessions(SESSIONS);
seeder.close();

const db = openDatabase(dir);
const store = sqliteStore(db);
const logger = createLogger('silent');
const registry = new LiveSessions(store, logger);
const core = createLiveCore({ store, clock: systemClock, logger, sessions: registry, views: sessionViews(store, systemClock) });
await registry.restoreAll();
const snapshots = sessions.map((s) => registry.get(s.id)!.snapshot);

let gcs = 0;
new PerformanceObserver((list) => (gcs += list.getEntries().length)).observe({ entryTypes: ['gc'] });
let sent = 0;
const commandsOf = (cycles: CycleState[]) => sessions.map((s, i) => ({ s, i, command: nextCommand(s.members, cycles[i]!), n: sent++ }));
const userOf = (s: (typeof sessions)[number], n: number) => (n % 2 === 0 ? accounts.leads[s.lead]! : accounts.cos[s.co]!).id;

const cycles = sessions.map((): CycleState => ({ step: 0, toggle: false }));
const wave = async () => {
  const outcomes = await Promise.all(
    commandsOf(cycles).map(({ s, command, n }) => core.execute(userOf(s, n), { sessionId: s.id, commandId: `command-${n}`, command })),
  );
  return outcomes.filter((o) => !o.ack.ok).length;
};
for (let i = 0; i < 3; i++) await wave(); // warm-up: JIT, statements, every session's names

const measure = async (work: () => Promise<number> | number) => {
  gcs = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let failed = 0;
  for (let i = 0; i < ROUNDS; i++) failed += await work();
  const cpu = process.cpuUsage(cpu0);
  const perThousand = (micros: number) => +(micros / (SESSIONS * ROUNDS)).toFixed(1); // µs per command = ms per 1,000
  return { userMs: perThousand(cpu.user), systemMs: perThousand(cpu.system), wallMs: Math.round(performance.now() - t0), gcs, failed };
};

const coreRun = await measure(wave);
const stepCycles = sessions.map((): CycleState => ({ step: 0, toggle: false }));
const stepRun = await measure(() => {
  for (const { s, i, command, n } of commandsOf(stepCycles)) {
    const event = { ...command, at: instant(Date.now()), actor: userOf(s, n) } as SessionEvent;
    snapshots[i] = step(snapshots[i]!, event);
  }
  return 0;
});
const total = (r: typeof coreRun) => r.userMs + r.systemMs;
console.log(
  JSON.stringify({
    commands: SESSIONS * ROUNDS,
    core: coreRun,
    machineStepOnly: stepRun,
    ratio: +(total(coreRun) / total(stepRun)).toFixed(1),
    loadAverage: os.loadavg()[0]!.toFixed(1),
  }),
);
db.close();
fs.rmSync(dir, { recursive: true, force: true });
