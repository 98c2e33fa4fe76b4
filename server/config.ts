import path from 'node:path';

/** Everything the server can be told, with the defaults a fresh machine needs. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** Built client to serve; null serves the API only. */
  clientDir: string | null;
  /** The address people use, when fixed (e.g. behind a proxy); otherwise taken from each request. */
  publicUrl: string | null;
  /** Secret for signing session cookies; generated into DATA_DIR when not given. */
  authSecret: string | null;
  /** Socket commands a screen may send in a burst, and per second after it. */
  commandBurst: number;
  commandsPerSecond: number;
  /** Largest socket message accepted, in bytes. */
  maxPayloadBytes: number;
  /** Grace given to open connections on shutdown. */
  shutdownGraceMs: number;
  logLevel: string;
}

export const defaultConfig = (overrides: Partial<Config> = {}): Config => ({
  port: 3000,
  host: '0.0.0.0',
  dataDir: path.resolve('data'),
  clientDir: path.resolve('dist/client'),
  publicUrl: null,
  authSecret: null,
  commandBurst: 40,
  commandsPerSecond: 20,
  maxPayloadBytes: 16 * 1024,
  shutdownGraceMs: 5000,
  logLevel: 'info',
  ...overrides,
});

export function configFromEnv(env: NodeJS.ProcessEnv): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not "${env.PORT}"`);
  return defaultConfig({
    port,
    host: env.HOST ?? '0.0.0.0',
    dataDir: path.resolve(env.DATA_DIR ?? 'data'),
    publicUrl: env.PUBLIC_URL ?? null,
    authSecret: env.BETTER_AUTH_SECRET ?? null,
    logLevel: env.LOG_LEVEL ?? 'info',
  });
}
