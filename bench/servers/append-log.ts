import fs from 'node:fs';
import { pipelinedSync } from '../../server/store/pipelined-sync.js';

/**
 * The least a server can do to have a command on disk before it answers: append it to a file and
 * fsync the file. It runs on Holdspace's own pipelining (server/store/pipelined-sync.ts): a group's
 * lines are written on the event loop as SQLite commits a group there, and synced off it, up to two
 * syncs out at once, groups answered in order. Unlike Holdspace there is no database, no index and
 * no checkpoint, only the line's own bytes. Bench only: a failed sync ends the process.
 */
export function appendLog(file: string) {
  const fd = fs.openSync(file, 'a');
  let unanswered = 0;
  let closed: (() => void) | null = null;
  const submit = pipelinedSync<{ line: string; done: () => void }, void>({
    commit: (group) => {
      fs.writeSync(fd, group.map((g) => `${g.line}\n`).join(''));
      return group.map(() => undefined);
    },
    sync: (done) => fs.fsync(fd, done),
    deliver: (group) => {
      for (const g of group) g.done();
      unanswered -= group.length;
      if (unanswered === 0) closed?.();
    },
    syncFailed: (error) => {
      throw error;
    },
  });

  return {
    append(line: string, done: () => void): void {
      unanswered++;
      submit({ line, done });
    },
    /** Resolves once every line appended so far is on disk and answered, and the file is closed. */
    close: () =>
      new Promise<void>((resolve) => {
        closed = () => {
          closed = null;
          fs.closeSync(fd);
          resolve();
        };
        if (unanswered === 0) closed();
      }),
  };
}
