import path from 'node:path';
import { isLocale } from '../shared/schemas/clinic.js';

/** A token bucket's size: a burst of `burst`, then `perSecond`. */
export interface Rate {
  burst: number;
  perSecond: number;
}

/** Everything the server can be told, with the defaults a fresh machine needs. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /**
   * PostgreSQL to keep everything in (`DATABASE_URL`), shared by every Holdspace process that is
   * given it; null keeps SQLite in `dataDir`, one process (docs/operations.md).
   */
  databaseUrl: string | null;
  /**
   * With `databaseUrl`: how long a process's heartbeat may be silent before another takes its
   * sessions (OWNERSHIP_TTL_MS, default 10 s; docs/operations.md). It stops acknowledging before.
   */
  ownershipTtlMs: number;
  /** Built client to serve; null serves the API only. */
  clientDir: string | null;
  /** The address people use, when fixed (e.g. behind a proxy); otherwise taken from each request. */
  publicUrl: string | null;
  /** Secret for signing session cookies; generated into DATA_DIR when not given. */
  authSecret: string | null;
  /** Socket commands a screen may send in a burst, and per second after it. */
  commandBurst: number;
  commandsPerSecond: number;
  /** Limits shared by all of an account's, an address's or a session's sockets (docs/protocol.md §16). */
  socketLimits: SocketLimits;
  /** How often every socket's sign-in expiry is checked (one timer for all; docs/security.md S34). */
  socketSweepMs: number;
  /** Largest socket message accepted, in bytes. */
  maxPayloadBytes: number;
  /** Grace given to open connections on shutdown. */
  shutdownGraceMs: number;
  logLevel: string;
  /** Express `trust proxy` (TRUST_PROXY): which hops may say the client's address and scheme. */
  trustProxy: boolean | number | string;
  /** Brute-force guard on sign-in (docs/security.md S5–S7): failures per window, then refused. */
  signIn: {
    windowMs: number;
    failuresPerAccount: number;
    failuresPerAddress: number;
    /** Failures after which each further attempt waits `delayStepMs` longer, up to `maxDelayMs`. */
    slowAfter: number;
    delayStepMs: number;
    maxDelayMs: number;
  };
  /** The members' rating pages' limits per client address (docs/security.md S51). */
  ratingPages: RatingPageLimits;
  /** How long a co-facilitator invite link stays usable. */
  inviteTtlMs: number;
  /** How often the retention purge runs (it also runs at start; docs/privacy.md D8). */
  purgeIntervalMs: number;
  /** IANA zone reviews and exports show times in (CLINIC_TIME_ZONE); default the server's. */
  clinicTimeZone: string;
  /** BCP 47 locale reviews and exports write times in (CLINIC_LOCALE); default the server's. Both are only the default for a clinic place not yet chosen in the settings (docs/operations.md). */
  clinicLocale: string;
  /** HTTPS on the clinic LAN with a local CA (HTTPS=on; docs/operations.md "On a clinic LAN"). */
  https: HttpsConfig;
}

export interface HttpsConfig {
  enabled: boolean;
  /** Plain http port for the "Trust this server" page; every other request there is sent to https. */
  httpPort: number;
  /** The machine's name in the CA and certificate (HTTPS_NAME); null: its host name. */
  hostName: string | null;
  /** Server certificate lifetime (browsers accept at most 397 days) and when to renew it. */
  validityDays: number;
  renewWithinDays: number;
  /** How often the expiry and the machine's addresses are checked. */
  checkIntervalMs: number;
}

export interface RatingPageLimits {
  /** Requests to the rating pages (every page and method) an address may make per minute. */
  requestsPerMinute: number;
  /** Links and codes that open nothing an address may try per `missWindowMs`; then every page is refused until it ends. */
  misses: number;
  missWindowMs: number;
}

export interface SocketLimits {
  /** Sockets one account may hold open at once; one more is refused at the handshake. */
  socketsPerAccount: number;
  /** Handshakes per client address, before the sign-in is even looked up. */
  addressHandshakes: Rate;
  /** `session:command`s across all the sockets of an account, of an address, and into one session. */
  accountCommands: Rate;
  addressCommands: Rate;
  sessionCommands: Rate;
  /** `session:join`s across all the sockets of an account, and of an address. */
  accountJoins: Rate;
  addressJoins: Rate;
  /** `clock:ping`s per socket. */
  socketPings: Rate;
  /** Refusals (RATE_LIMITED, unknown events) a socket may draw before it is disconnected. */
  socketRefusals: Rate;
}

export const defaultSocketLimits = (): SocketLimits => ({
  socketsPerAccount: 12,
  addressHandshakes: { burst: 60, perSecond: 10 },
  accountCommands: { burst: 40, perSecond: 20 },
  addressCommands: { burst: 200, perSecond: 100 },
  sessionCommands: { burst: 80, perSecond: 40 },
  accountJoins: { burst: 20, perSecond: 2 },
  addressJoins: { burst: 100, perSecond: 10 },
  socketPings: { burst: 30, perSecond: 10 },
  socketRefusals: { burst: 100, perSecond: 10 },
});

export const defaultConfig = (overrides: Partial<Config> = {}): Config => ({
  port: 3000,
  host: '0.0.0.0',
  dataDir: path.resolve('data'),
  databaseUrl: null,
  ownershipTtlMs: 10_000,
  clientDir: path.resolve('dist/client'),
  publicUrl: null,
  authSecret: null,
  commandBurst: 40,
  commandsPerSecond: 20,
  socketLimits: defaultSocketLimits(),
  socketSweepMs: 30_000,
  maxPayloadBytes: 16 * 1024,
  shutdownGraceMs: 5000,
  logLevel: 'info',
  trustProxy: false,
  signIn: { windowMs: 15 * 60_000, failuresPerAccount: 5, failuresPerAddress: 20, slowAfter: 3, delayStepMs: 1000, maxDelayMs: 10_000 },
  // A kiosk rates a whole group from one address (a form, a submit and a thank-you each), well inside these.
  ratingPages: { requestsPerMinute: 120, misses: 10, missWindowMs: 10 * 60_000 },
  inviteTtlMs: 24 * 60 * 60_000,
  purgeIntervalMs: 24 * 60 * 60_000,
  clinicTimeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  clinicLocale: Intl.DateTimeFormat().resolvedOptions().locale,
  https: { enabled: false, httpPort: 3080, hostName: null, validityDays: 397, renewWithinDays: 30, checkIntervalMs: 60_000 },
  ...overrides,
});

export function configFromEnv(env: NodeJS.ProcessEnv): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not "${env.PORT}"`);
  return defaultConfig({
    port,
    host: env.HOST ?? '0.0.0.0',
    dataDir: path.resolve(env.DATA_DIR ?? 'data'),
    databaseUrl: databaseUrlFromEnv(env),
    ownershipTtlMs: positiveMs(env.OWNERSHIP_TTL_MS, 10_000, 'OWNERSHIP_TTL_MS'),
    publicUrl: env.PUBLIC_URL ?? null,
    authSecret: env.BETTER_AUTH_SECRET ?? null,
    logLevel: env.LOG_LEVEL ?? 'info',
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    ...(env.CLINIC_TIME_ZONE ? { clinicTimeZone: checkTimeZone(env.CLINIC_TIME_ZONE) } : {}),
    ...(env.CLINIC_LOCALE ? { clinicLocale: checkLocale(env.CLINIC_LOCALE) } : {}),
    https: httpsFromEnv(env),
  });
}

/** HTTPS=on turns the LAN mode on; anything else but unset/off is a mistake worth stopping for. */
function httpsFromEnv(env: NodeJS.ProcessEnv): HttpsConfig {
  const https = defaultConfig().https;
  const flag = (env.HTTPS ?? 'off').toLowerCase();
  if (!['on', 'off', ''].includes(flag)) throw new Error(`HTTPS must be "on" or "off", not "${env.HTTPS}"`);
  const httpPort = Number(env.HTTP_PORT ?? https.httpPort);
  if (!Number.isInteger(httpPort) || httpPort < 0 || httpPort > 65535)
    throw new Error(`HTTP_PORT must be a port number, not "${env.HTTP_PORT}"`);
  return { ...https, enabled: flag === 'on', httpPort, hostName: env.HTTPS_NAME || null };
}

/**
 * TRUST_PROXY as Express reads it: a hop count ("1"), "true"/"false", or addresses and subnet names
 * ("loopback", "10.0.0.5"). Unset means no proxy: X-Forwarded-* headers are then ignored, since
 * any client could send them.
 */
export function parseTrustProxy(value: string | undefined): boolean | number | string {
  if (value === undefined || value === '' || value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}

/** Fails fast on a locale `Intl` does not know. */
function checkLocale(value: string): string {
  if (!isLocale(value)) throw new Error(`CLINIC_LOCALE must be a locale such as en-GB or de-DE, not "${value}"`);
  return Intl.getCanonicalLocales(value)[0]!;
}

/** Fails fast on a zone name `Intl` does not know (a typo would otherwise shift every export). */
function checkTimeZone(value: string): string {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    throw new Error(`CLINIC_TIME_ZONE must be an IANA time zone such as Europe/Berlin, not "${value}"`);
  }
}

/**
 * `DATABASE_URL` must name a PostgreSQL server, and every process sharing it must sign cookies and
 * rating links with one secret: without `BETTER_AUTH_SECRET` each would make its own, and a screen
 * moved to another process would be signed out (docs/operations.md).
 */
function databaseUrlFromEnv(env: NodeJS.ProcessEnv): string | null {
  const url = env.DATABASE_URL?.trim();
  if (!url) return null;
  if (!/^postgres(ql)?:\/\//.test(url)) throw new Error('DATABASE_URL must be a postgres:// address');
  if (!env.BETTER_AUTH_SECRET) throw new Error('BETTER_AUTH_SECRET must be set when DATABASE_URL is: every process signs with it');
  return url;
}

function positiveMs(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms < 500) throw new Error(`${name} must be a whole number of milliseconds, at least 500, not "${value}"`);
  return ms;
}
