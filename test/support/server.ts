import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { createApp, type App } from '../../server/app.js';
import { createAccount as makeAccount } from '../../server/auth/auth.js';
import { systemClock, type Clock } from '../../server/clock.js';
import { defaultConfig, type Config } from '../../server/config.js';
import { createLogger, type Logger } from '../../server/logger.js';
import type { Storage } from '../../server/storage.js';
import { openDatabase, type Db } from '../../server/store/sqlite/open.js';
import { freshDatabase, type TestDatabase } from './postgres.js';
import type { CertificateKeeper } from '../../server/tls/keeper.js';

export interface TestServer {
  url: string;
  port: number;
  dataDir: string;
  app: App;
  /**
   * The open SQLite database, for tests that inspect or sabotage storage. Those tests are SQLite's
   * own: the PostgreSQL run of the integration suite leaves them out (vitest.config.ts), and
   * reading this there throws, to say so.
   */
  db: Db;
  /** With HTTPS (`certificates` given): the plain http port beside the https one. */
  httpPort: number | null;
  close(): Promise<void>;
}

export interface TestServerOptions {
  /** Reuse a data directory (a restart); a fresh temp one otherwise. */
  dataDir?: string;
  clock?: Clock;
  config?: Partial<Config>;
  /** Serve the built client (end-to-end tests). */
  serveClient?: boolean;
  /** Listen on this port instead of a free one (a restart on the same address). */
  port?: number;
  /** A logger of the test's own (the privacy tests capture what the server logs). */
  logger?: Logger;
  /** What the server does when the disk loses its log (default: end the process). */
  failStop?: (error: Error) => void;
  /** Serve HTTPS with these certificates (test/tls/support.ts makes them), plus plain http beside. */
  certificates?: CertificateKeeper;
  /** Keep everything in this PostgreSQL database (the cluster tests seed one for their nodes). */
  databaseUrl?: string;
}

/** Data directories this worker made: removed when it exits (restart tests reuse them until then). */
const madeDirs = new Set<string>();
process.once('exit', () => {
  for (const dir of madeDirs) fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * The engine the suite runs on: SQLite, or PostgreSQL when `HOLDSPACE_TEST_STORE=postgres` (the
 * `integration-pg` project). A restart on the same data directory finds the same database.
 */
const onPostgres = process.env.HOLDSPACE_TEST_STORE === 'postgres';
const databases = new Map<string, TestDatabase>();

async function openTestStorage(dataDir: string, databaseUrl: string | undefined): Promise<Storage> {
  if (!onPostgres && !databaseUrl) return { kind: 'sqlite', db: openDatabase(dataDir) };
  let url = databaseUrl;
  if (!url) {
    let database = databases.get(dataDir);
    if (!database) databases.set(dataDir, (database = await freshDatabase()));
    url = database.url;
  }
  const { openPostgres } = await import('../../server/store/postgres/index.js');
  return { kind: 'postgres', pool: await openPostgres(url) };
}

const notSqlite = (): never => {
  throw new Error('This test reads SQLite directly: it belongs to the SQLite run only (vitest.config.ts, integration-pg).');
};

/** A real Holdspace on 127.0.0.1, a free port and its own data directory. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'holdspace-test-'));
  if (!options.dataDir) madeDirs.add(dataDir);
  const config = defaultConfig({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    clientDir: options.serveClient ? path.resolve('dist/client') : null,
    authSecret: 'test-secret-that-is-long-enough-for-better-auth',
    logLevel: 'silent',
    shutdownGraceMs: 100,
    ...options.config,
  });
  const storage = await openTestStorage(dataDir, options.databaseUrl);
  const app = await createApp({
    storage,
    clock: options.clock ?? systemClock,
    config,
    logger: options.logger ?? createLogger(config.logLevel),
    ...(options.failStop ? { failStop: options.failStop } : {}),
    ...(options.certificates ? { certificates: options.certificates } : {}),
  });
  await new Promise<void>((resolve) => app.httpServer.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { plainServer } = app;
  if (plainServer) await new Promise<void>((resolve) => plainServer.listen(0, '127.0.0.1', resolve));
  const { port } = app.httpServer.address() as AddressInfo;
  const httpPort = plainServer ? (plainServer.address() as AddressInfo).port : null;
  const scheme = plainServer ? 'https' : 'http';
  const server = { url: `${scheme}://127.0.0.1:${port}`, port, httpPort, dataDir, app, close: () => app.close() };
  if (storage.kind === 'sqlite') return { ...server, db: storage.db };
  return Object.defineProperty(server, 'db', { get: notSqlite }) as TestServer;
}

export interface AccountInput {
  name: string;
  email: string;
  password: string;
  admin?: boolean;
}

/** Makes an account directly, as `npm run accounts` would. */
export async function createAccount(server: TestServer, input: AccountInput): Promise<{ id: string }> {
  return makeAccount(server.app.auth, { ...input, admin: input.admin ?? false });
}
