import os from 'node:os';
import { createApp } from './app.js';
import { systemClock } from './clock.js';
import { configFromEnv } from './config.js';
import { createLogger } from './logger.js';
import { openStorage } from './storage.js';
import type { CertificateKeeper } from './tls/keeper.js';

/** Reads the environment, builds the app and listens; stops cleanly on SIGTERM and SIGINT. */
// Anything this process creates is for its own account only (docs/privacy.md D22). The data
// files are also made private explicitly (store/private-files.ts); this covers whatever else.
process.umask(0o077);
const config = configFromEnv(process.env);
const logger = createLogger(config.logLevel);
const hostName = config.https.hostName ?? os.hostname();
const certificates = config.https.enabled ? await startKeeper() : undefined;
const app = await createApp({
  storage: await openStorage(config, ({ path, was, fixed }) =>
    logger.warn(
      { path, was, now: fixed ? 'private' : was },
      fixed
        ? 'a data file other accounts could read was made private'
        : 'a data file other accounts can read could not be made private: change its owner or mode',
    ),
  ),
  clock: systemClock,
  config: { ...config, https: { ...config.https, hostName } },
  logger,
  ...(certificates ? { certificates } : {}),
});

app.httpServer.listen(config.port, config.host, () => {
  const scheme = certificates ? 'https' : 'http';
  const where = config.databaseUrl ? { database: 'postgresql' } : { dataDir: config.dataDir };
  logger.info({ port: config.port, ...where }, `Holdspace is running on ${scheme}://localhost:${config.port}`);
});
app.plainServer?.listen(config.https.httpPort, config.host, () => {
  const lanName = hostName.includes('.') ? hostName : `${hostName}.local`;
  logger.info(
    { port: config.https.httpPort },
    `Trust this server: http://${lanName}:${config.https.httpPort}/trust (or the machine's address)`,
  );
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down');
  const force = setTimeout(() => process.exit(1), config.shutdownGraceMs).unref();
  await app.close();
  clearTimeout(force);
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));

/** The local CA and certificate (HTTPS=on), imported only then: a plain start stays as lean as before. */
async function startKeeper(): Promise<CertificateKeeper> {
  const [{ startCertificateKeeper }, { servedNames }] = await Promise.all([import('./tls/keeper.js'), import('./tls/lan-names.js')]);
  return startCertificateKeeper({
    dataDir: config.dataDir,
    hostName,
    // Read at every check: a new DHCP lease or a second network shows up within a minute.
    names: () => servedNames(hostName, os.networkInterfaces()),
    clock: systemClock,
    validityDays: config.https.validityDays,
    renewWithinDays: config.https.renewWithinDays,
    checkIntervalMs: config.https.checkIntervalMs,
    logger,
  });
}
