import fs from 'node:fs';
import { pipelinedSync } from '../../server/store/pipelined-sync.js';

/** A command as the bare server keeps it: its payload as one line, under its session and version. */
export interface BareRecord {
  sessionId: string;
  version: number;
  line: string;
}

/** Where the bare server makes each command durable before its ack and broadcast. */
export interface DurableLog {
  /** `done` runs once the record is durable. */
  append(record: BareRecord, done: () => void): void;
  /** Resolves once every record appended so far is durable and answered, and the log is closed. */
  close(): Promise<void>;
}

/**
 * The least a server can do to have a command on disk before it answers: append it to a file and
 * fsync the file. It runs on Holdspace's own pipelining (server/store/pipelined-sync.ts): a group's
 * lines are written on the event loop as SQLite commits a group there, and synced off it, up to two
 * syncs out at once, groups answered in order. Unlike Holdspace there is no database, no index and
 * no checkpoint, only the line's own bytes. Bench only: a failed sync ends the process.
 */
export function appendLog(file: string): DurableLog {
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
    append({ line }, done) {
      unanswered++;
      submit({ line, done });
    },
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
