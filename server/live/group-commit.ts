import { failure, type Ack, type StatePatch } from '../../shared/protocol.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/types.js';
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
 * How many groups may wait for their sync at once. With one, a command that arrived during a sync
 * waited for it, then for its own group's commit and sync: two syncs in its latency whenever the
 * disk was slow. With two, it is committed at once and its sync overlaps the one before. More
 * slots would only split the load into smaller groups, each with a commit and a sync of its own.
 */
const SYNCS_IN_FLIGHT = 2;

/**
 * Group commit, pipelined (docs/performance.md).
 *
 * Commands are applied one after another — each command's writes (its log entry, and the snapshot
 * when due) in a savepoint of its own, so a failed write refuses only that command — inside one
 * transaction per group. The transaction commits to SQLite's write-ahead log at once; the log is
 * then synced to disk on a thread of the pool (`Store.syncToDisk`) while the event loop goes on
 * reading sockets. Acks and broadcasts go out only once that sync has returned: nothing is
 * acknowledged, broadcast or shown to a joining screen before it is on disk. Commands that arrive
 * while a sync is out are committed as the next group with a sync of their own, up to
 * `SYNCS_IN_FLIGHT` syncs at once; past that they wait for a slot and form one group, so under load
 * the groups grow instead of the syncs queueing up (and each group writes a page the commands
 * share once). A quiet server still commits and syncs each command alone, at once.
 *
 * Groups are delivered in the order they were committed, each only once its own sync has returned
 * without error. A later sync returning first does not stand in for an earlier one: after a failed
 * write-back, Linux reports the error to one fsync of the file only, so the earlier group's own
 * sync is the only one that can say its pages are on disk.
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
  let pending: Submitted[] = [];
  /** Committed groups, in commit order, waiting for their own sync and for every group before. */
  const committed: { group: Submitted[]; results: Applied[]; synced: boolean }[] = [];
  let syncsOut = 0;
  let flushScheduled = false;

  /** Commands wait, and a sync slot is free. */
  const ready = () => pending.length > 0 && syncsOut < SYNCS_IN_FLIGHT;
  const scheduleFlush = () => {
    if (flushScheduled || !ready()) return;
    flushScheduled = true;
    setImmediate(flush);
  };

  const flush = () => {
    flushScheduled = false;
    if (!ready()) return;
    const group = pending;
    pending = [];
    const batch = { group, results: commit(group), synced: false };
    committed.push(batch);
    syncsOut++;
    store.syncToDisk((error) => {
      syncsOut--;
      if (error) {
        logger.fatal({ err: error, waiting: committed.length + pending.length }, 'the write-ahead log could not be synced to disk; stopping');
        return failStop(error);
      }
      batch.synced = true;
      while (committed[0]?.synced) {
        const { group, results } = committed.shift()!;
        group.forEach((command, i) => command.deliver(results[i]!));
      }
      scheduleFlush(); // what arrived while both slots were taken: one group
    });
  };

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

  return (apply, deliver) => {
    pending.push({ apply, deliver } as unknown as Submitted);
    scheduleFlush();
  };
}
