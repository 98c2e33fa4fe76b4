import { setTimeout as delay } from 'node:timers/promises';
import type { Db } from './open.js';

/** How long a purge or an erasure waits, at most, for another connection's checkpoint to end. */
const PATIENCE_MS = 5_000;
/** A checkpoint of the worker's takes milliseconds; asking again this often finds the lock free. */
const RETRY_MS = 5;

/**
 * Empties the write-ahead log, so the page images from before a delete stop being in the files
 * (docs/privacy.md D10). A TRUNCATE checkpoint does not wait for another connection's checkpoint:
 * while the checkpoint worker (./checkpointer.ts) is copying, it answers "busy" at once, having
 * done nothing, and the deleted text stays in the log. So it is asked again until one completes.
 */
export async function emptyWriteAheadLog(db: Db, patienceMs = PATIENCE_MS): Promise<void> {
  const deadline = performance.now() + patienceMs;
  for (;;) {
    const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    if (result?.busy === 0) return;
    if (performance.now() >= deadline) {
      throw new Error(`the write-ahead log could not be emptied for ${patienceMs} ms; deleted text stays in it until it is`);
    }
    await delay(RETRY_MS);
  }
}
