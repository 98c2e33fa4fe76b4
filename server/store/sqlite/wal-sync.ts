import fs from 'node:fs';
import type { Db } from './open.js';

/**
 * Commits whose sync to disk happens off the event loop (docs/performance.md, decision 004).
 *
 * The connection runs at `synchronous = FULL`: every commit syncs the write-ahead log before it
 * returns, and a REST write is durable when it is answered. For the live pipeline's group commits
 * that sync, made on the event loop, was a quarter of its time at 1,000 sessions. There the
 * commit runs at NORMAL — in WAL mode, a commit that only writes its frames to the log — and
 * `sync` then fsyncs the log file from a thread of libuv's pool, as FULL would have, before anything
 * of it is acknowledged. A sync started after a commit covers it: fsync writes out every page of
 * the file that is not yet on disk, whoever wrote it.
 */
export function walSync(db: Db) {
  const normal = db.prepare('PRAGMA synchronous = NORMAL');
  const full = db.prepare('PRAGMA synchronous = FULL');
  let fd: number | null = null;
  let syncsOut = 0;
  let closed = false;
  const closeFile = () => {
    if (fd !== null) fs.closeSync(fd);
    fd = null;
  };

  return {
    commitWithoutSync<T>(commit: () => T): T {
      normal.run();
      try {
        return commit();
      } finally {
        full.run();
      }
    },
    sync(done: (error: Error | null) => void): void {
      // After close nothing more can be committed: there is nothing left to sync.
      if (db.memory || closed) return void setImmediate(done, null);
      try {
        // The log exists while the connection is open; SQLite reuses it, never replaces it.
        fd ??= fs.openSync(`${db.name}-wal`, 'r+');
      } catch (error) {
        // No log file: nothing was ever written through it, so nothing waits for the disk.
        const nothingWritten = (error as NodeJS.ErrnoException).code === 'ENOENT';
        return void setImmediate(done, nothingWritten ? null : (error as Error));
      }
      syncsOut++;
      fs.fsync(fd, (error) => {
        if (--syncsOut === 0 && closed) closeFile();
        done(error);
      });
    },
    /** Closes the log file once the syncs still out have returned (a shutdown mid-sync is no disk failure). */
    close(): void {
      closed = true;
      if (syncsOut === 0) closeFile();
    },
  };
}
