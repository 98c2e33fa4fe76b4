import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Logger } from '../../logger.js';
import type { Db } from './open.js';

/** How often the worker copies the write-ahead log into the database. */
export const CHECKPOINT_INTERVAL_MS = 1_000;
/** SQLite's own default, restored if the worker stops: the log must never grow without bound. */
const AUTOCHECKPOINT_PAGES = 1_000;
/** Past this many pages (16 MB) the server's connection finishes a checkpoint so that the log starts over. */
export const RESTART_PAGES = 4_096;

/**
 * The worker's whole program. Plain JavaScript in a string: a worker thread does not go through the
 * TypeScript loader that runs the server (tsx in production, Vite's in the tests).
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('synchronous = FULL');
const passive = () => db.pragma('wal_checkpoint(PASSIVE)')[0];
const checkpoint = () => {
  let done = passive();
  // A long log: copy what came in meanwhile, again, until a round copies little; the server's
  // connection then has only a few pages left to copy before the log can start over.
  for (let round = 0; done.log >= workerData.restartPages && round < 8; round++) {
    const before = done.checkpointed;
    done = passive();
    if (done.checkpointed - before < 64) break;
  }
  parentPort.postMessage(done);
};
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
  {
    intervalMs = CHECKPOINT_INTERVAL_MS,
    restartPages = RESTART_PAGES,
    driver = createRequire(import.meta.url).resolve('better-sqlite3'),
  } = {},
): Checkpointer | null {
  if (db.memory || db.pragma('journal_mode', { simple: true }) !== 'wal') return null;
  db.pragma('wal_autocheckpoint = 0');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file: db.name, driver, intervalMs, restartPages } });
  let stopping = false;
  let fellBack = false;
  const fallBack = (reason: unknown) => {
    if (stopping || fellBack || !db.open) return;
    fellBack = true;
    logger.error({ err: reason }, 'the checkpoint worker stopped; the database checkpoints on the main thread again');
    db.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
  };
  worker.on('error', fallBack);
  // Under steady writes the worker's checkpoint never ends with the whole log copied: commits land
  // while it copies. SQLite starts the log over only at a write that finds it wholly copied, so
  // the log grew without bound (486 MB in one bench run). Once it is past `restartPages`, the
  // worker copies what came in meanwhile until a round copies little; then the server's
  // connection — the only writer, so nothing commits meanwhile — copies the few pages left, and
  // the next commit starts the log over. Measured at 1,000 commands/s: about once a second,
  // 1–2 ms on the event loop (up to 15 ms when the disk is busy); never while the log is short.
  worker.on('message', (done: { log: number }) => {
    if (stopping || fellBack || !db.open) return;
    if (done.log < restartPages) return;
    try {
      db.pragma('wal_checkpoint(PASSIVE)');
    } catch (error) {
      logger.error(
        { err: error, walPages: done.log },
        'could not finish a checkpoint; the write-ahead log keeps growing until one succeeds',
      );
    }
  });
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
