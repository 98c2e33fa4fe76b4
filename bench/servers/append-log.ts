import fs from 'node:fs';

/** As in Holdspace's group commit (server/live/group-commit.ts), so the floor is not handicapped. */
const SYNCS_IN_FLIGHT = 2;

/**
 * The least a server can do to have a command on disk before it answers: append it to a file and
 * fsync the file. Pipelined as Holdspace's group commit is: lines read in one turn of the event
 * loop, or while both slots are out, go as one group; up to two groups' writes and syncs are out
 * at once; groups are answered in the order they were written, each once its own sync has
 * returned. Unlike Holdspace there is no database, no index and no checkpoint, only the line's
 * own bytes. Bench only: a failed write ends the process.
 */
export function appendLog(file: string) {
  const fd = fs.openSync(file, 'a');
  let waiting: { line: string; done: () => void }[] = [];
  /** Groups written or being written, in order, each until it and every group before it is synced. */
  const inFlight: { group: typeof waiting; synced: boolean }[] = [];
  let slotsOut = 0;
  let closed: (() => void) | null = null;
  let flushScheduled = false;

  const flush = () => {
    if (slotsOut >= SYNCS_IN_FLIGHT) return;
    if (waiting.length === 0) {
      if (slotsOut === 0) closed?.();
      return;
    }
    const batch = { group: waiting, synced: false };
    waiting = [];
    inFlight.push(batch);
    slotsOut++;
    fs.write(fd, batch.group.map((g) => `${g.line}\n`).join(''), (writeError) => {
      if (writeError) throw writeError;
      fs.fsync(fd, (syncError) => {
        if (syncError) throw syncError;
        slotsOut--;
        batch.synced = true;
        while (inFlight[0]?.synced) for (const g of inFlight.shift()!.group) g.done();
        flush();
      });
    });
  };

  return {
    append(line: string, done: () => void): void {
      waiting.push({ line, done });
      // Lines read in one turn of the event loop go as one group, as in Holdspace.
      if (flushScheduled) return;
      flushScheduled = true;
      setImmediate(() => {
        flushScheduled = false;
        flush();
      });
    },
    /** Resolves once every line appended so far is on disk and the file is closed. */
    close: () =>
      new Promise<void>((resolve) => {
        closed = () => {
          closed = null;
          fs.closeSync(fd);
          resolve();
        };
        flush();
      }),
  };
}
