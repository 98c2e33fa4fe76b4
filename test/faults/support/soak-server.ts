import type { AddressInfo } from 'node:net';
import { createApp } from '../../../server/app.js';
import { defaultConfig } from '../../../server/config.js';
import { createLogger } from '../../../server/logger.js';
import { openDatabase } from '../../../server/store/sqlite/open.js';
import { manualClock } from '../../support/clock.js';
import { TEST_SECRET } from './child-server.js';

/**
 * Holdspace in its own process for the soak: a manual clock the test moves over IPC, and its heap
 * measured after full collections (run with --expose-gc), so the test's own heap never counts.
 */
const clock = manualClock(Number(process.env.SOAK_T0));
const dataDir = process.env.SOAK_DATA_DIR!;
const config = defaultConfig({ port: 0, host: '127.0.0.1', dataDir, clientDir: null, authSecret: TEST_SECRET, logLevel: 'silent' });
const app = await createApp({ storage: { kind: 'sqlite', db: openDatabase(dataDir) }, clock, config, logger: createLogger('silent') });
await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve));

process.on('message', (m: { id: number; type: 'advance' | 'heap' | 'stop'; ms?: number }) => void answer(m));

async function answer(m: { id: number; type: 'advance' | 'heap' | 'stop'; ms?: number }) {
  if (m.type === 'advance') clock.advance(m.ms!);
  if (m.type === 'stop') {
    await app.close();
    process.exit(0);
  }
  let heapUsed = 0;
  if (m.type === 'heap') {
    for (let i = 0; i < 3; i++) global.gc!();
    heapUsed = process.memoryUsage().heapUsed;
  }
  process.send!({ id: m.id, now: clock.now(), heapUsed, live: app.sessions.size });
}
process.on('disconnect', () => process.exit(0));
process.send!({ id: 0, port: (app.httpServer.address() as AddressInfo).port });
