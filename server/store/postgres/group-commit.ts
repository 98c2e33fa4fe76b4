import type { Commit } from '../types.js';

export interface GroupWriter {
  /** Writes the commits in one transaction, in order: all of them or none. */
  writeGroup(commits: Commit[]): Promise<void>;
}

interface Queued {
  commit: Commit;
  resolve: () => void;
  reject: (error: Error) => void;
}

/**
 * The live path's group commit over PostgreSQL (docs/decisions/013-scale-out.md). Appends made in
 * one turn of the event loop go to the server as one statement in one transaction: one round trip
 * and one WAL flush, answered when `COMMIT` has returned — on disk, as Postgres flushes before it
 * answers. One group is out at a time, so appends are written in the order they were made and a
 * session's entry never waits on an uncommitted one of another connection; what arrives meanwhile
 * forms the next group, so under load the groups grow instead of the round trips queueing up.
 *
 * If the group's statement fails, nothing of it was written, and its appends are written again one
 * at a time, in order, so only the ones that fail are refused. An entry the database refuses
 * marks its session: later appends of that session with a higher version were built on it and are
 * refused without a write, even where another writer has since put its own entry at that version
 * (the log's trigger alone would take them on top of it, forking the session's history). The mark
 * holds until the session is read back (`forget`), which the live core does only once every append
 * of the dropped copy has settled (server/live/live-sessions.ts).
 */
export function groupCommit(writer: GroupWriter) {
  let pending: Queued[] = [];
  let writing = false;
  let scheduled = false;
  /** Sessions with a refused entry: the version that failed. */
  const failedAt = new Map<string, number>();

  const builtOnFailure = ({ entry }: Commit) => {
    const failed = failedAt.get(entry.sessionId);
    return failed !== undefined && entry.version > failed;
  };
  const refuse = (queued: Queued, error: Error) => {
    const { sessionId, version } = queued.commit.entry;
    const failed = failedAt.get(sessionId);
    if (failed === undefined || version < failed) failedAt.set(sessionId, version);
    queued.reject(error);
  };
  const builtOnError = (queued: Queued) =>
    new Error(
      `session ${queued.commit.entry.sessionId}: version ${queued.commit.entry.version} was built on an entry that was not written`,
    );

  /** The group failed as a whole: each append alone, in order, to refuse only the ones that fail. */
  const writeEach = async (group: Queued[]) => {
    for (const queued of group) {
      if (builtOnFailure(queued.commit)) {
        refuse(queued, builtOnError(queued));
        continue;
      }
      try {
        await writer.writeGroup([queued.commit]);
        queued.resolve();
      } catch (error) {
        refuse(queued, error as Error);
      }
    }
  };

  const flush = async () => {
    scheduled = false;
    if (writing || pending.length === 0) return;
    writing = true;
    const group: Queued[] = [];
    for (const queued of pending) {
      if (builtOnFailure(queued.commit)) refuse(queued, builtOnError(queued));
      else group.push(queued);
    }
    pending = [];
    try {
      if (group.length > 0) await writer.writeGroup(group.map((queued) => queued.commit));
      for (const queued of group) queued.resolve();
    } catch (error) {
      if (group.length === 1) refuse(group[0]!, error as Error);
      else await writeEach(group);
    } finally {
      writing = false;
      schedule();
    }
  };
  const schedule = () => {
    if (scheduled || writing || pending.length === 0) return;
    scheduled = true;
    setImmediate(() => void flush());
  };

  return {
    append: (commit: Commit) =>
      new Promise<void>((resolve, reject) => {
        pending.push({ commit, resolve, reject });
        schedule();
      }),
    /** The session was read back as the disk has it: appends built on that are new history. */
    forget: (sessionId: string) => failedAt.delete(sessionId),
  };
}
