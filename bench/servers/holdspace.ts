import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createApp } from '../../server/app.js';
import { systemClock } from '../../server/clock.js';
import { defaultConfig, defaultSocketLimits, type SocketLimits } from '../../server/config.js';
import { createLogger } from '../../server/logger.js';
import type { Storage } from '../../server/storage.js';
import { openDatabase } from '../../server/store/sqlite/open.js';
import { announceReady, processStats, serveRequests, type ForcedGc } from '../ipc.js';
import { BENCH_SECRET } from '../seed.js';

/**
 * Holdspace as production builds it (server/app.ts), on 127.0.0.1 and a free port, in its own
 * process. Bench-only differences, all from the environment:
 * - BENCH_RATE_LIMIT=off raises the per-screen rate limit so a closed-loop throughput run
 *   measures the pipeline, not the limiter.
 * - The limits shared by an account's or an address's sockets are raised too, unless
 *   BENCH_LIMITS=production: the bench's 16 accounts each stand for many facilitators (up to
 *   1,250 screens each at 5,000 sessions), and every screen comes from 127.0.0.1. The per-screen
 *   and per-session limits stay as production has them. The abuse run (bench/abuse.ts) keeps
 *   every limit as production has it.
 * - BENCH_DATABASE_URL puts it on PostgreSQL (`storage: postgres`, as `DATABASE_URL` does in
 *   server/index.ts; several of these processes then share the database, each claiming the sessions
 *   its screens join first). Not `DATABASE_URL` itself, which a shell running the bench may have
 *   set for other work. BENCH_DATA_DIR is then only where the process may keep files.
 */
const dataDir = process.env.BENCH_DATA_DIR!;
const databaseUrl = process.env.BENCH_DATABASE_URL ?? null;
// The driver is loaded only for PostgreSQL, as server/index.ts does.
const storage: Storage = databaseUrl
  ? { kind: 'postgres', pool: await (await import('../../server/store/postgres/index.js')).openPostgres(databaseUrl) }
  : { kind: 'sqlite', db: openDatabase(dataDir) };
const unlimited = process.env.BENCH_RATE_LIMIT === 'off';
const production = process.env.BENCH_LIMITS === 'production';
const ample = { burst: 1e6, perSecond: 1e6 };
const sharedByMany: Partial<SocketLimits> = {
  socketsPerAccount: 1e6,
  addressHandshakes: ample,
  accountCommands: ample,
  addressCommands: ample,
  accountJoins: ample,
  addressJoins: ample,
};
const socketLimits: SocketLimits = {
  ...defaultSocketLimits(),
  ...(production ? {} : sharedByMany),
  ...(unlimited ? { ...sharedByMany, sessionCommands: ample, socketRefusals: ample } : {}),
};
const config = defaultConfig({
  port: 0,
  host: '127.0.0.1',
  dataDir,
  databaseUrl,
  clientDir: null,
  authSecret: BENCH_SECRET,
  logLevel: 'info',
  socketLimits,
  ...(unlimited ? { commandBurst: 1e6, commandsPerSecond: 1e6 } : {}),
});
// Logs go nowhere, except that the line createApp writes once every live session is restored
// marks the moment: start-up cost is the figure, not guessed from outside.
let restored: { at: number; counts: unknown } | null = null;
const sink = {
  write(line: string) {
    if (!restored && line.includes('live sessions restored')) restored = { at: performance.now(), counts: JSON.parse(line) };
  },
};
const started = performance.now();
const app = await createApp({ storage, clock: systemClock, config, logger: createLogger('info', sink) });
const createAppMs = performance.now() - started;
const restore = restored as { at: number; counts: { restored: number; replayed: number; failed: number } } | null;
await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve));
const { port } = app.httpServer.address() as AddressInfo;

// BENCH_CPU_PROF: the orchestrator profiles just the 1,000-session run (V8's sampling profiler).
let profiler: Session | null = null;
serveRequests(
  {
    profileStart: async () => {
      profiler = new Session();
      profiler.connect();
      await profiler.post('Profiler.enable');
      await profiler.post('Profiler.start');
    },
    profileStop: async (p: { file: string }) => {
      const { profile } = await profiler!.post('Profiler.stop');
      fs.mkdirSync(path.dirname(p.file), { recursive: true });
      fs.writeFileSync(p.file, JSON.stringify(profile));
      profiler!.disconnect();
      return p.file;
    },
    stats: (p: { gc?: ForcedGc }) => ({
      ...processStats(p?.gc ?? false),
      live: app.sessions.size,
      sockets: app.io.engine.clientsCount,
      // On PostgreSQL: queries waiting for one of the pool's connections (a queue with no bound).
      poolWaiting: storage.kind === 'postgres' ? storage.pool.waitingCount : null,
    }),
  },
  async () => {
    await app.close();
  },
);
announceReady({
  port,
  createAppMs,
  restoredAfterMs: restore ? restore.at - started : NaN,
  restoredCounts: restore?.counts,
  uptimeMs: process.uptime() * 1000,
  live: app.sessions.size,
});
