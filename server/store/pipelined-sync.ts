/**
 * How many groups may wait for their sync at once. With one, an item that arrived during a sync
 * waited for it, then for its own group's commit and sync: two syncs in its latency whenever the
 * disk was slow. With two, it is committed at once and its sync overlaps the one before. More
 * slots would only split the load into smaller groups, each with a commit and a sync of its own.
 */
export const SYNCS_IN_FLIGHT = 2;

export interface PipelinedSync<T, R> {
  /** Writes a group without waiting for the disk; one result per item, in order. */
  commit(group: T[]): R[];
  /** Syncs everything committed so far to disk, off the event loop. */
  sync(done: (error: Error | null) => void): void;
  /** The group is on disk: answer it. Called in commit order. */
  deliver(group: T[], results: R[]): void;
  /** A sync failed: nothing of that group or any later one is delivered, and nothing more is committed. */
  syncFailed(error: Error, waiting: number): void;
}

/**
 * The pipelining of a group commit, with no storage in it (docs/performance.md item 10). Items
 * submitted in one turn of the event loop are committed as one group; up to `SYNCS_IN_FLIGHT`
 * groups' syncs are out at once, and past that new items wait for a slot and form one group, so
 * under load the groups grow instead of the syncs queueing up.
 *
 * Groups are delivered in the order they were committed, each only once its own sync has returned
 * without error. A later sync returning first does not stand in for an earlier one: after a failed
 * write-back, Linux reports the error to one fsync of the file only, so the earlier group's own
 * sync is the only one that can say its pages are on disk.
 *
 * Holdspace's group commit (./group-commit.ts) and the bench's durable floor
 * (bench/servers/append-log.ts) both run on it, so the two are pipelined exactly alike.
 */
export function pipelinedSync<T, R>(io: PipelinedSync<T, R>): (item: T) => void {
  let pending: T[] = [];
  /** Committed groups, in commit order, until they and every group before them are synced. */
  const committed: { group: T[]; results: R[]; synced: boolean }[] = [];
  let failed = false;
  let flushScheduled = false;

  const syncsOut = () => committed.filter((batch) => !batch.synced).length;
  /** Items wait, a sync slot is free, and no sync has failed. */
  const ready = () => pending.length > 0 && !failed && syncsOut() < SYNCS_IN_FLIGHT;
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
    const batch = { group, results: io.commit(group), synced: false };
    committed.push(batch);
    io.sync((error) => {
      if (error) {
        failed = true;
        const waiting = committed.reduce((n, b) => n + b.group.length, pending.length);
        return io.syncFailed(error, waiting);
      }
      batch.synced = true;
      while (committed[0]?.synced) {
        const { group, results } = committed.shift()!;
        io.deliver(group, results);
      }
      scheduleFlush(); // what arrived while both slots were taken: one group
    });
  };

  return (item) => {
    pending.push(item);
    scheduleFlush();
  };
}
