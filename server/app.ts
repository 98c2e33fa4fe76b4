import http from 'node:http';
import express from 'express';
import { Server } from 'socket.io';
import { createAuth, migrateAuth } from './auth/auth.js';
import { loadSecret } from './auth/secret.js';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import { errorHandler, HttpError } from './http/errors.js';
import { requireUser } from './http/require-user.js';
import { accountRoutes } from './http/routes/accounts.js';
import { accountAdminRoutes } from './http/routes/account-admin.js';
import { signInRoutes } from './http/routes/sign-ins.js';
import { accountLifecycle } from './accounts/lifecycle.js';
import { groupRoutes } from './http/routes/groups.js';
import { reviewerRoutes } from './http/routes/reviewers.js';
import { groupInviteRoutes, inviteRoutes } from './http/routes/invites.js';
import { securityRoutes } from './http/routes/security.js';
import { reviewRoutes } from './http/routes/review.js';
import { sessionRoutes } from './http/routes/sessions.js';
import { setupRoutes } from './http/routes/setup.js';
import { clientRoutes } from './http/static.js';
import { createCommandPipeline } from './live/commands.js';
import { groupCommit } from './live/group-commit.js';
import { LiveRegistry } from './live/registry.js';
import type { Logger } from './logger.js';
import { auditRoutes } from './http/routes/audit.js';
import { privacyRoutes } from './http/routes/privacy.js';
import { createAudit } from './privacy/audit.js';
import { startRetention } from './privacy/retention.js';
import { mountAuth } from './security/auth-routes.js';
import { authBodyLimit } from './security/auth-body.js';
import { secureCookiesOverTls } from './security/cookies.js';
import { refuseCrossSite } from './security/csrf.js';
import { securityHeaders } from './security/headers.js';
import { coFacilitatorRemoval } from './security/removal.js';
import { recheckSockets } from './security/sockets.js';
import { authenticateSocket } from './socket/auth.js';
import { sameOriginOnly } from './socket/origin.js';
import { registerHandlers, type HoldspaceServer } from './socket/handlers.js';
import { sqliteStore } from './store/sqlite/index.js';
import type { Store } from './store/types.js';
import { startCheckpointer } from './store/sqlite/checkpointer.js';
import type { Db } from './store/sqlite/open.js';

export interface AppDeps {
  db: Db;
  clock: Clock;
  config: Config;
  logger: Logger;
  /**
   * Ends the process when the disk lost what it had been given (a failed sync of the log): what
   * it holds is then unknown, and only a restart from it is safe. Tests pass their own.
   */
  failStop?: (error: Error) => void;
}

export interface App {
  httpServer: http.Server;
  /** The Express app behind `httpServer` (its routes are listed by the authorization tests). */
  express: express.Express;
  io: HoldspaceServer;
  registry: LiveRegistry;
  /** The store the server writes through (fault tests slow or fail its disk). */
  store: Store;
  auth: ReturnType<typeof createAuth>;
  /** Stops accepting, closes sockets and the database. */
  close(): Promise<void>;
}

/**
 * Builds Holdspace over its dependencies; nothing runs at import time. The caller listens on
 * `httpServer` (tests use port 0). Live sessions are restored before this resolves.
 */
export async function createApp({ db, clock, config, logger, failStop = () => process.exit(70) }: AppDeps): Promise<App> {
  // Sign-ins are audited (docs/privacy.md D2); `audit` exists before any request can arrive.
  const onSignIn = (userId: string, via: string) =>
    audit.record({ actorId: userId, action: 'auth.sign-in', subjectType: 'user', subjectId: userId, detail: { via } });
  const auth = createAuth(db, loadSecret(config.dataDir, config.authSecret), config.publicUrl, onSignIn);
  await migrateAuth(auth);
  const store = sqliteStore(db);
  const checkpointer = startCheckpointer(db, logger);
  const audit = createAudit(store.audit, clock);
  const registry = new LiveRegistry(store, clock, logger);
  const restored = registry.restoreAll();
  logger.info(restored, 'live sessions restored');
  const retention = startRetention({ store, audit, clock, logger, intervalMs: config.purgeIntervalMs });

  const app = express();
  app.disable('x-powered-by');
  // Security (docs/security.md): which proxy to believe, headers and CSP, Secure cookies over
  // TLS, no cross-site writes; then better-auth behind its guards. `io` is made below.
  app.set('trust proxy', config.trustProxy);
  app.use(securityHeaders(), secureCookiesOverTls(), refuseCrossSite(config.publicUrl));
  app.use('/api/auth', ...authBodyLimit());
  mountAuth(app, { auth, store, config, recheckSockets: (userId) => void recheckSockets(io, store, userId) });
  const removal = coFacilitatorRemoval(store, registry, () => io);
  app.use(express.json({ limit: '64kb' }));
  app.use('/api/setup', setupRoutes(auth, store));
  app.use('/api/invites', inviteRoutes(auth, store, clock, removal));
  app.use('/api', requireUser(auth, store));
  app.use('/api', accountRoutes(auth, store));
  // The account lifecycle and one's own sign-ins (docs/security.md S42–S44).
  const closeSockets = (userId: string) => recheckSockets(io, store, userId).then(() => undefined);
  app.use('/api', accountAdminRoutes(store, accountLifecycle({ auth, store, audit, closeSockets })), signInRoutes(store, audit, closeSockets));
  app.use('/api', securityRoutes(auth, store, clock, config));
  app.use('/api/groups', groupInviteRoutes(store, clock, config));
  app.use('/api/groups', reviewerRoutes(store, clock, audit));
  app.use('/api/groups', groupRoutes(store, clock, registry, removal, audit));
  app.use('/api', sessionRoutes(store, clock, registry));
  app.use('/api', reviewRoutes({ store, clock, config, audit }));
  app.use('/api', auditRoutes(store, audit, clock), privacyRoutes({ store, audit, clock, registry, retention }));
  app.use('/api', (_req, _res, next) => next(new HttpError('NOT_FOUND', 'There is no such API route.')));
  if (config.clientDir) app.use(clientRoutes(config.clientDir));
  app.use(errorHandler(logger));

  const httpServer = http.createServer(app);
  const io: HoldspaceServer = new Server(httpServer, {
    maxHttpBufferSize: config.maxPayloadBytes,
    serveClient: false,
    allowRequest: sameOriginOnly(config.publicUrl),
  });
  const handleCommand = createCommandPipeline({ store, clock, registry, logger });
  const submitCommand = groupCommit(store, registry, logger, failStop);
  io.use(authenticateSocket(auth, store));
  io.on('connection', (socket) => registerHandlers(socket, { io, store, clock, config, logger, registry, handleCommand, submitCommand }));

  return {
    httpServer,
    express: app,
    io,
    registry,
    store,
    auth,
    close: async () => {
      retention.stop();
      await io.close(); // also closes httpServer
      await checkpointer?.stop();
      store.close();
    },
  };
}
