import http from 'node:http';
import express from 'express';
import { toNodeHandler } from 'better-auth/node';
import { Server } from 'socket.io';
import { createAuth, migrateAuth } from './auth/auth.js';
import { loadSecret } from './auth/secret.js';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import { errorHandler, HttpError } from './http/errors.js';
import { requireUser } from './http/require-user.js';
import { accountRoutes } from './http/routes/accounts.js';
import { groupRoutes } from './http/routes/groups.js';
import { sessionRoutes } from './http/routes/sessions.js';
import { setupRoutes } from './http/routes/setup.js';
import { clientRoutes } from './http/static.js';
import { createCommandPipeline } from './live/commands.js';
import { LiveRegistry } from './live/registry.js';
import type { Logger } from './logger.js';
import { authenticateSocket } from './socket/auth.js';
import { registerHandlers, type HoldspaceServer } from './socket/handlers.js';
import { sqliteStore } from './store/sqlite/index.js';
import type { Db } from './store/sqlite/open.js';

export interface AppDeps {
  db: Db;
  clock: Clock;
  config: Config;
  logger: Logger;
}

export interface App {
  httpServer: http.Server;
  io: HoldspaceServer;
  registry: LiveRegistry;
  auth: ReturnType<typeof createAuth>;
  /** Stops accepting, closes sockets and the database. */
  close(): Promise<void>;
}

/**
 * Builds Holdspace over its dependencies; nothing runs at import time. The caller listens on
 * `httpServer` (tests use port 0). Live sessions are restored before this resolves.
 */
export async function createApp({ db, clock, config, logger }: AppDeps): Promise<App> {
  const auth = createAuth(db, loadSecret(config.dataDir, config.authSecret), config.publicUrl);
  await migrateAuth(auth);
  const store = sqliteStore(db);
  const registry = new LiveRegistry(store, clock, logger);
  const restored = registry.restoreAll();
  logger.info(restored, 'live sessions restored');

  const app = express();
  app.disable('x-powered-by');
  // Public sign-up is off in better-auth too; this keeps the route from even being reached.
  app.all('/api/auth/sign-up/{*rest}', (_req, _res, next) => next(new HttpError('NOT_FOUND')));
  app.all('/api/auth/{*rest}', toNodeHandler(auth));
  app.use(express.json({ limit: '64kb' }));
  app.use('/api/setup', setupRoutes(auth, store));
  app.use('/api', requireUser(auth, store));
  app.use('/api', accountRoutes(auth, store));
  app.use('/api/groups', groupRoutes(store, clock, registry));
  app.use('/api', sessionRoutes(store, clock, registry));
  app.use('/api', (_req, _res, next) => next(new HttpError('NOT_FOUND', 'There is no such API route.')));
  if (config.clientDir) app.use(clientRoutes(config.clientDir));
  app.use(errorHandler(logger));

  const httpServer = http.createServer(app);
  const io: HoldspaceServer = new Server(httpServer, {
    maxHttpBufferSize: config.maxPayloadBytes,
    serveClient: false,
  });
  const handleCommand = createCommandPipeline({ store, clock, registry, logger });
  io.use(authenticateSocket(auth));
  io.on('connection', (socket) => registerHandlers(socket, { io, store, clock, config, logger, registry, handleCommand }));

  return {
    httpServer,
    io,
    registry,
    auth,
    close: async () => {
      await io.close(); // also closes httpServer
      store.close();
    },
  };
}
