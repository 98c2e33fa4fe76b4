import { failure, type Ack, type StatePatch } from '../../shared/protocol.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/types.js';
import { pipelinedSync } from './pipelined-sync.js';
import type { LiveRegistry } from './registry.js';

export interface Applied<A extends Ack = Ack> {
  ack: A;
  /** What changed, for the session's room, when the command changed anything. */
  broadcast: StatePatch | null;
}

/**
 * Takes a command's work (run inside the group's transaction) and what to send once it is
 * durable. Joins go the same way, so that a screen is never shown a state before it is durable.
 */
export type SubmitCommand = <A extends Ack>(apply: () => Applied<A>, deliver: (applied: Applied<A>) => void) => void;

interface Submitted {
  apply: () => Applied;
  deliver: (applied: Applied) => void;
}

/**
 * Group commit, pipelined (docs/performance.md).
 *
 * Commands are applied one after another — each command's writes (its log entry, and the snapshot
 * when due) in a savepoint of its own, so a failed write refuses only that command — inside one
 * transaction per group. The transaction commits to SQLite's write-ahead log at once; the log is
 * then synced to disk on a thread of the pool (`Store.syncToDisk`) while the event loop goes on
 * reading sockets. Acks and broadcasts go out only once that sync has returned: nothing is
 * acknowledged, broadcast or shown to a joining screen before it is on disk. How commands form
 * groups, how many syncs may be out at once and in which order groups are answered is
 * `pipelinedSync` (./pipelined-sync.ts). A quiet server still commits and syncs each command
 * alone, at once.
 *
 * If a group's commit fails — or SQLite rolled the group back on its own part-way, as it does when
 * the disk is full — nothing in it was written: every command in it that had succeeded (and any not
 * yet tried) is answered STORAGE_FAILED instead, nothing is broadcast, and the sessions it changed
 * are dropped from memory so that they are read back from the store as they were.
 *
 * If a sync fails, what the disk holds is no longer known (Linux may have dropped the pages it could
 * not write): nothing of that group or any later one is acknowledged and `failStop` ends the
 * process. Screens reconnect to the restarted server, and commands re-sent with their commandId
 * are found in the log or applied then (docs/protocol.md P7).
 */
export function groupCommit(store: Store, registry: LiveRegistry, logger: Logger, failStop: (error: Error) => void): SubmitCommand {
  /** Applies the group in one transaction that commits without waiting for the disk. */
  const commit = (group: Submitted[]): Applied[] => {
    const results: Applied[] = [];
    try {
      store.transaction(
        (open) => {
          for (const command of group) {
            // A full disk makes SQLite roll the whole group back by itself: stop there, or the
            // commands after it would each commit on their own while the group reports failure.
            if (!open()) break;
            results.push(command.apply());
          }
          if (!open()) throw new Error('the database rolled the group back');
        },
        { syncLater: true },
      );
    } catch (error) {
      logger.error({ err: error, commands: group.length }, 'group commit failed; its commands refused');
      for (const r of results) if (r.broadcast) registry.release(r.broadcast.sessionId);
      for (let i = 0; i < group.length; i++) {
        const r = results[i];
        results[i] = r && !r.ack.ok ? r : { ack: failure('STORAGE_FAILED'), broadcast: null };
      }
    }
    return results;
  };

  const submit = pipelinedSync<Submitted, Applied>({
    commit,
    sync: (done) => store.syncToDisk(done),
    deliver: (group, results) => group.forEach((command, i) => command.deliver(results[i]!)),
    syncFailed: (error, waiting) => {
      logger.fatal({ err: error, waiting }, 'the write-ahead log could not be synced to disk; stopping');
      failStop(error);
    },
  });
  return (apply, deliver) => submit({ apply, deliver } as unknown as Submitted);
}
