import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Logger } from '../../logger.js';
import type { Db } from './open.js';

/** How often the worker copies the write-ahead log into the database. */
export const CHECKPOINT_INTERVAL_MS = 1_000;
/** SQLite's own default, restored if the worker stops: the log must never grow without bound. */
const AUTOCHECKPOINT_PAGES = 1_000;

/**
 * The worker's whole program. Plain JavaScript in a string: a worker thread does not go through the
 * TypeScript loader that runs the server (tsx in production, Vite's in the tests).
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('synchronous = FULL');
const checkpoint = () => db.pragma('wal_checkpoint(PASSIVE)');
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.close();
});
`;

export interface Checkpointer {
  stop(): Promise<void>;
}

/**
 * Runs SQLite's WAL checkpoints on a thread of their own (docs/performance.md). Left to itself,
 * SQLite checkpoints inside whichever COMMIT takes the log past 1,000 pages: it copies them into
 * the database file and syncs it, on the event loop, for 15–30 ms while every live session waits
 * (measured at 1,000 sessions). Here the server's connection never checkpoints; a worker with a
 * connection of its own runs a PASSIVE checkpoint every second, which waits for no writer and no
 * reader and blocks neither. Durability does not move: a commit is durable once its log frames
 * are synced, before its ack, and a checkpoint only copies what is already durable.
 *
 * If the worker fails, the server's connection goes back to checkpointing by itself.
 */
export function startCheckpointer(
  db: Db,
  logger: Logger,
  { intervalMs = CHECKPOINT_INTERVAL_MS, driver = createRequire(import.meta.url).resolve('better-sqlite3') } = {},
): Checkpointer | null {
  if (db.memory || db.pragma('journal_mode', { simple: true }) !== 'wal') return null;
  db.pragma('wal_autocheckpoint = 0');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file: db.name, driver, intervalMs } });
  let stopping = false;
  let fellBack = false;
  const fallBack = (reason: unknown) => {
    if (stopping || fellBack || !db.open) return;
    fellBack = true;
    logger.error({ err: reason }, 'the checkpoint worker stopped; the database checkpoints on the main thread again');
    db.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
  };
  worker.on('error', fallBack);
  const exited = new Promise<void>((resolve) =>
    worker.once('exit', (code) => {
      fallBack(new Error(`exit code ${code}`));
      resolve();
    }),
  );
  worker.unref(); // a process that is otherwise done does not wait for the next checkpoint

  return {
    stop: async () => {
      stopping = true;
      worker.ref(); // keep the process up until the worker has made its last checkpoint and closed
      worker.postMessage('stop'); // nothing happens if it has already gone
      await exited;
    },
  };
}
