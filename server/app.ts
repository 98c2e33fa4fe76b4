import http from 'node:http';
import os from 'node:os';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import express from 'express';
import { Server } from 'socket.io';
import { accountIdByEmail, createAuth, migrateAuth } from './auth/auth.js';
import { loadSecret } from './auth/secret.js';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import { errorHandler } from './http/error-handler.js';
import { HttpError } from './http/errors.js';
import { healthRoutes } from './http/health.js';
import { wellFormedHost } from './security/host-header.js';
import { requireUser } from './http/require-user.js';
import { accountRoutes } from './http/routes/accounts.js';
import { accountAdminRoutes } from './http/routes/account-admin.js';
import { signInRoutes } from './http/routes/sign-ins.js';
import { accountLifecycle } from './accounts/lifecycle.js';
import { groupRoutes } from './http/routes/groups.js';
import { reviewerRoutes } from './http/routes/reviewers.js';
import { groupInviteRoutes, inviteRoutes } from './http/routes/invites.js';
import { securityRoutes } from './http/routes/security.js';
import { progressNoteRoutes } from './http/routes/progress-notes.js';
import { recordWorkRoutes } from './http/routes/record-work.js';
import { trendRoutes } from './http/routes/trends.js';
import { reviewRoutes } from './http/routes/review.js';
import { ReviewCache } from './http/review-cache.js';
import { sessionRoutes } from './http/routes/sessions.js';
import { setupRoutes } from './http/routes/setup.js';
import { networkRoutes } from './http/routes/network.js';
import { clientRoutes } from './http/static.js';
import { createLiveCore, type LiveCore } from './live/core.js';
import { LiveSessions } from './live/live-sessions.js';
import { sessionViews } from './live/views.js';
import type { Logger } from './logger.js';
import { auditRoutes } from './http/routes/audit.js';
import { privacyRoutes } from './http/routes/privacy.js';
import type { AccountEvent } from './privacy/account-audit.js';
import { createAudit } from './privacy/audit.js';
import { requestContext } from './privacy/request-context.js';
import { startRetention } from './privacy/retention.js';
import { attemptAudit } from './privacy/attempt-audit.js';
import { mountAuth } from './http/auth-routes.js';
import { bruteForceGuard } from './security/brute-force.js';
import { secureCookiesOverTls } from './security/cookies.js';
import { refuseCrossSite } from './security/csrf.js';
import { securityHeaders } from './security/headers.js';
import { coFacilitatorRemoval } from './socket/removal.js';
import { disconnectSignIn, recheckSockets, startExpirySweep } from './socket/disconnect.js';
import { clientAddressOf } from './socket/address.js';
import { capSocketsPerAccount, limitHandshakes } from './socket/admission.js';
import { authenticateSocket } from './socket/auth.js';
import { createSocketLimits } from './socket/limits.js';
import { refuseCrossOrigin } from './socket/origin.js';
import { registerHandlers, roomOf, type HoldspaceServer } from './socket/handlers.js';
import { RatingCollection } from './ratings/collection.js';
import { ratingRoutes } from './http/routes/ratings.js';
import { ratingPages } from './http/rating-pages/router.js';
import type pg from 'pg';
import { storeOf, type Storage } from './storage.js';
import type { Store } from './store/types.js';
import { startCheckpointer } from './store/sqlite/checkpointer.js';
import type { CertificateKeeper } from './tls/keeper.js';
import { onlySecureOnLan, redirectToHttps } from './tls/lan-redirect.js';

export interface AppDeps {
  /** SQLite (one process) or PostgreSQL (shared by several): server/storage.ts. */
  storage: Storage;
  clock: Clock;
  config: Config;
  logger: Logger;
  /**
   * Ends the process when the disk lost what it had been given (a failed sync of the log): what
   * it holds is then unknown, and only a restart from it is safe. Tests pass their own.
   */
  failStop?: (error: Error) => void;
  /**
   * HTTPS on the clinic LAN (config.https): the keeper of the local CA and server certificate.
   * Given, `httpServer` is an HTTPS server and `plainServer` the http one beside it.
   */
  certificates?: CertificateKeeper;
}

export interface App {
  /** The main server: HTTPS when `certificates` were given, plain http otherwise. */
  httpServer: http.Server;
  /** With HTTPS: the plain http server (trust page, redirects, localhost), for the caller to listen on. */
  plainServer: http.Server | null;
  /** The Express app behind `httpServer` (its routes are listed by the authorization tests). */
  express: express.Express;
  io: HoldspaceServer;
  /** The live sessions this process holds. */
  sessions: LiveSessions;
  /** Commands and joins, knowing no transport (the socket handlers call it). */
  core: LiveCore;
  /** The store the server writes through (fault tests slow or fail its disk). */
  store: Store;
  /** Member voice: links, counts, and the desk the members' pages submit through (docs/ratings.md). */
  ratings: RatingCollection;
  auth: ReturnType<typeof createAuth>;
  /** Stops accepting, closes sockets and the database. */
  close(): Promise<void>;
}

/**
 * Builds Holdspace over its dependencies; nothing runs at import time. The caller listens on
 * `httpServer` (tests use port 0). Live sessions are restored before this resolves.
 */
export async function createApp({
  storage,
  clock,
  config,
  logger,
  failStop = () => process.exit(70),
  certificates,
}: AppDeps): Promise<App> {
  // Sign-ins are audited (docs/privacy.md D2); `audit` exists before any request can arrive.
  const onSignIn = (userId: string, via: string) =>
    audit.record({ actorId: userId, action: 'auth.sign-in', subjectType: 'user', subjectId: userId, detail: { via } });
  const onAccountEvent = (userId: string, action: AccountEvent, via: string) =>
    audit.record({ actorId: userId, action, subjectType: 'user', subjectId: userId, detail: { via } });
  // Readiness (GET /healthz): the store is open and every live session restored; off again at close.
  let ready = false;
  // A per-server mark of requests that passed the Express guards on better-auth (S21).
  const marker = { header: 'x-holdspace-guarded', value: randomBytes(32).toString('base64url') };
  const secret = loadSecret(config.dataDir, config.authSecret);
  const auth = createAuth(storage, secret, config.publicUrl, onSignIn, onAccountEvent, marker);
  await migrateAuth(auth);
  // Sharing PostgreSQL with other processes: registered before serving, each session claimed when
  // a screen first reaches it, and appended to only while owned (docs/operations.md). Alone on
  // SQLite, every open session is restored below.
  const peer = storage.kind === 'postgres' ? await joinAsPeer(storage.pool, config, logger) : null;
  const store = await storeOf(
    storage,
    (error, waiting) => {
      logger.fatal({ err: error, waiting }, 'the write-ahead log could not be synced to disk; stopping');
      failStop(error);
    },
    peer?.appendingAs,
  );
  // PostgreSQL checkpoints its own log; SQLite's is kept short by ours.
  const checkpointer = storage.kind === 'sqlite' ? startCheckpointer(storage.db, logger) : null;
  const audit = createAudit(store.audit, clock);
  const registry = new LiveSessions(store, logger, peer?.owner);
  const views = sessionViews(store, clock);
  const core = createLiveCore({ store, clock, logger, sessions: registry, views });
  if (!peer) logger.info(await registry.restoreAll(), 'live sessions restored');
  ready = true;
  // Member voice (docs/ratings.md): its status goes to the session's room, the count only.
  const ratings = new RatingCollection({
    store,
    clock,
    audit,
    secret,
    viewOf: async (sessionId) => {
      const held = registry.get(sessionId);
      if (held) return (await views.update(held, null)).state;
      const row = await store.sessions.get(sessionId);
      return row ? (await views.storedUpdate(row)).state : null;
    },
    onStatus: (status) => io.to(roomOf(status.sessionId)).emit('session:ratings', status),
    // Loaded when a link is first shown: a server that never collects does not pay for it.
    qrSvg: async (text) => (await import('qrcode')).default.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }),
  });
  const retention = await startRetention({ store, audit, clock, logger, intervalMs: config.purgeIntervalMs });

  const app = express();
  app.disable('x-powered-by');
  // Security (docs/security.md): which proxy to believe, headers and CSP, Secure cookies over
  // TLS, no cross-site writes; then better-auth behind its guards. `io` is made below.
  app.set('trust proxy', config.trustProxy);
  // With HTTPS on, the plain http port serves the LAN only the trust page (S37); read at request time.
  const httpsPort = certificates ? () => (httpServer.address() as AddressInfo | null)?.port ?? config.port : null;
  if (httpsPort) app.use(redirectToHttps(httpsPort));
  // The HTTP limits count in PostgreSQL when processes share it, each scope apart (S57); else in memory.
  const counters = storage.kind === 'postgres' ? await sharedCounters(storage.pool, secret) : null;
  const storesFor = (scope: string) => (counters ? (name: string) => counters.storeFor(`${scope}.${name}`) : undefined);
  // The members' rating pages answer every spelling of /r with headers and guards of their own (S48–S53).
  app.use(
    ratingPages(ratings, {
      hsts: !certificates,
      publicUrl: config.publicUrl,
      limits: config.ratingPages,
      stores: storesFor('rating-pages'),
    }),
  );
  app.use(securityHeaders({ hsts: !certificates }), secureCookiesOverTls(), refuseCrossSite(config.publicUrl));
  // Before anything that builds a URL of the Host header, better-auth above all (S58).
  app.use(wellFormedHost());
  // Audit entries written while a request is answered carry its address (docs/privacy.md D2).
  app.use(requestContext());
  app.use(healthRoutes(() => ready && (peer?.serving() ?? true)));
  // One brute-force guard for every password-taking route, failures and lock-outs audited (S22).
  const attempts = bruteForceGuard(
    config.signIn,
    attemptAudit(audit, (email) => accountIdByEmail(auth, email), logger),
    { stores: storesFor('sign-in') },
  );
  const inviteAttempts = bruteForceGuard(config.signIn, {}, { message: 'Too many tries with invite links', stores: storesFor('invites') });
  mountAuth(app, { auth, store, attempts, marker, recheckSockets: (userId) => void recheckSockets(io, store, userId) });
  const removal = coFacilitatorRemoval(store, registry, () => io);
  app.use(express.json({ limit: '64kb' }));
  app.use('/api/setup', setupRoutes(auth, store, audit));
  app.use('/api', networkRoutes(httpsPort, config.publicUrl));
  app.use('/api/invites', inviteRoutes(auth, store, clock, removal, inviteAttempts, audit));
  app.use('/api', requireUser(auth, store));
  app.use('/api', accountRoutes(auth, store, audit));
  // The account lifecycle and one's own sign-ins (docs/security.md S42–S44).
  const closeSockets = (userId: string) => recheckSockets(io, store, userId).then(() => undefined);
  app.use(
    '/api',
    accountAdminRoutes(store, accountLifecycle({ auth, store, audit, closeSockets })),
    signInRoutes(store, audit, closeSockets),
  );
  app.use(
    '/api',
    securityRoutes(auth, store, config, clock, attempts, audit, (signInId) => disconnectSignIn(io, signInId)),
  );
  app.use('/api/groups', groupInviteRoutes(store, clock, config));
  app.use('/api/groups', reviewerRoutes(store, clock, audit));
  app.use('/api/groups', groupRoutes(store, clock, registry, removal, audit));
  app.use('/api', sessionRoutes(store, clock, { sessions: registry, views }, audit), ratingRoutes(store, ratings, config.publicUrl));
  // One cache of figures for the review, its exports and the progress notes (docs/review.md R27).
  const reviews = new ReviewCache(store, clock);
  app.use('/api', reviewRoutes({ store, clock, config, audit, reviews }), progressNoteRoutes({ store, clock, config, audit, reviews }));
  app.use('/api', recordWorkRoutes(store, clock), trendRoutes(store, clock));
  app.use('/api', auditRoutes(store, audit, clock), privacyRoutes({ store, audit, clock, registry, retention }));
  app.use('/api', (_req, _res, next) => next(new HttpError('NOT_FOUND', 'There is no such API route.')));
  if (certificates && httpsPort) {
    const httpPort = () => (plainServer?.address() as AddressInfo | null)?.port ?? config.https.httpPort;
    // Loaded only with HTTPS on: a plain `npm start` does not pay for the QR and X.509 code.
    const { trustRoutes } = await import('./tls/trust-page.js');
    app.use(trustRoutes({ keeper: certificates, hostName: config.https.hostName ?? 'this machine', httpsPort, httpPort }));
  }
  if (config.clientDir) app.use(clientRoutes(config.clientDir));
  app.use(errorHandler(logger));

  const httpServer: http.Server = certificates
    ? https.createServer({ ...tlsOptions(certificates), minVersion: 'TLSv1.2' }, app)
    : http.createServer(app);
  const plainServer = certificates ? http.createServer(app) : null;
  // A renewed certificate is used by new connections at once; open ones keep theirs.
  certificates?.onChange(() => (httpServer as https.Server).setSecureContext(tlsOptions(certificates)));
  const io: HoldspaceServer = new Server(httpServer, {
    maxHttpBufferSize: config.maxPayloadBytes,
    serveClient: false,
    // With HTTPS on, a socket from the LAN over plain http is refused (S37); origins are checked below.
    ...(certificates ? { allowRequest: onlySecureOnLan((_req, callback) => callback(null, true)) } : {}),
  });
  // The same Engine.IO on the http port too: the machine's own browser on http://localhost.
  if (plainServer) io.engine.attach(plainServer, { path: '/socket.io/' });
  // The handshake, in this order: origin (before anything looks at the cookie), the rate per
  // address, the sign-in, the account's socket cap (docs/protocol.md §3, §16).
  const limits = createSocketLimits(config.socketLimits, () => clock.now());
  io.use(refuseCrossOrigin(config.publicUrl));
  io.use(limitHandshakes(limits, clientAddressOf(app)));
  io.use(authenticateSocket(auth, store));
  io.use(capSocketsPerAccount(limits));
  io.on('connection', (socket) => registerHandlers(socket, { io, store, clock, config, logger, core, sessions: registry, limits, audit }));
  const expirySweep = startExpirySweep(io, () => clock.now(), config.socketSweepMs);
  peer?.attach({ io, sessions: registry, core, store });

  return {
    httpServer,
    plainServer,
    express: app,
    io,
    sessions: registry,
    core,
    store,
    ratings,
    auth,
    close: async () => {
      ready = false;
      // Another process takes each session over as its screens reconnect through the proxy.
      await peer?.drain({ sessions: registry, core, servers: [httpServer, plainServer] });
      retention.stop();
      expirySweep.stop();
      certificates?.stop();
      plainServer?.closeAllConnections();
      const plainClosed = plainServer?.listening ? new Promise((resolve) => plainServer.close(resolve)) : null;
      await io.close(); // also closes httpServer
      await plainClosed;
      await checkpointer?.stop();
      await peer?.close();
      counters?.stop();
      await store.close();
    },
  };
}

/** The peers' parts, loaded only with PostgreSQL: a plain start does not pay for them. */
async function joinAsPeer(pool: pg.Pool, config: Config, logger: Logger) {
  const { startPeer } = await import('./peers/index.js');
  const url = config.publicUrl ?? `http://${os.hostname()}:${config.port}`;
  return startPeer({ pool, url, ttlMs: config.ownershipTtlMs, sweepMs: config.socketSweepMs, logger });
}

/** The HTTP limits' counters in PostgreSQL (S57), loaded only with it. */
async function sharedCounters(pool: pg.Pool, secret: string) {
  const { postgresCounters } = await import('./store/postgres/rate-limit-store.js');
  return postgresCounters(pool, secret);
}

function tlsOptions(certificates: CertificateKeeper): https.ServerOptions {
  const { certPem, keyPem } = certificates.current();
  return { cert: certPem, key: keyPem };
}
