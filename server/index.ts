import { createApp } from './app.js';
import { systemClock } from './clock.js';
import { configFromEnv } from './config.js';
import { createLogger } from './logger.js';
import { openDatabase } from './store/sqlite/open.js';

/** Reads the environment, builds the app and listens; stops cleanly on SIGTERM and SIGINT. */
// Anything this process creates is for its own account only (docs/privacy.md D22). The data
// files are also made private explicitly (store/private-files.ts); this covers whatever else.
process.umask(0o077);
const config = configFromEnv(process.env);
const logger = createLogger(config.logLevel);
const db = openDatabase(config.dataDir, undefined, ({ path, was, fixed }) =>
  logger.warn({ path, was, now: fixed ? 'private' : was }, fixed ? 'a data file other accounts could read was made private' : 'a data file other accounts can read could not be made private: change its owner or mode'),
);
const app = await createApp({ db, clock: systemClock, config, logger });

app.httpServer.listen(config.port, config.host, () => {
  logger.info({ port: config.port, dataDir: config.dataDir }, `Holdspace is running on http://localhost:${config.port}`);
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
