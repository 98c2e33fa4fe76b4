import fs from 'node:fs';

/**
 * The least a server can do to have a command on disk before it answers: append it to a file and
 * fsync the file. Lines that arrive while a write and sync are out wait and go as one group, as
 * Holdspace's group commit does; unlike Holdspace there is no database, no index and no checkpoint,
 * only the line's own bytes. Bench only: a failed write ends the process.
 */
export function appendLog(file: string) {
  const fd = fs.openSync(file, 'a');
  let waiting: { line: string; done: () => void }[] = [];
  let writing = false;
  let closed: (() => void) | null = null;

  const flush = () => {
    if (writing) return;
    if (waiting.length === 0) return void closed?.();
    const group = waiting;
    waiting = [];
    writing = true;
    fs.write(fd, group.map((g) => `${g.line}\n`).join(''), (writeError) => {
      if (writeError) throw writeError;
      fs.fsync(fd, (syncError) => {
        if (syncError) throw syncError;
        writing = false;
        for (const g of group) g.done();
        flush();
      });
    });
  };

  return {
    append(line: string, done: () => void): void {
      waiting.push({ line, done });
      flush();
    },
    /** Resolves once every line appended so far is on disk and the file is closed. */
    close: () =>
      new Promise<void>((resolve) => {
        closed = () => {
          fs.closeSync(fd);
          resolve();
        };
        if (!writing) flush();
      }),
  };
}
