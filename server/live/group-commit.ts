import { failure, type CommandAck, type StatePatch } from '../../shared/protocol.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/types.js';
import type { LiveRegistry } from './registry.js';

export interface Applied {
  ack: CommandAck;
  /** What changed, for the session's room, when the command changed anything. */
  broadcast: StatePatch | null;
}

/** Takes a command's work (run inside the group's transaction) and what to send once it is durable. */
export type SubmitCommand = (apply: () => Applied, deliver: (applied: Applied) => void) => void;

/**
 * Group commit (docs/performance.md). With `synchronous = FULL` every commit waits for the disk,
 * and the pipeline is synchronous, so one fsync per command capped the whole process at one
 * command per fsync (a few hundred a second on a busy disk) and stalled every session behind it.
 *
 * Commands that arrive in the same turn of the event loop are now applied one after another
 * exactly as before — each command's log entry and snapshot in a savepoint of its own, so a failed
 * write still refuses only that command — inside one transaction; acks and broadcasts go out only
 * once that transaction has committed. One fsync covers the group. Nothing is acknowledged before
 * it is on disk, and a quiet server still commits each command on its own, at once.
 *
 * If the group's commit itself fails — or SQLite rolled the group back on its own part-way, as it
 * does when the disk is full — nothing in it was written: every command in it that had succeeded
 * (and any not yet tried) is answered STORAGE_FAILED instead, nothing is broadcast, and the
 * sessions it changed are dropped from memory so that they are read back from the store as they were.
 */
export function groupCommit(store: Store, registry: LiveRegistry, logger: Logger): SubmitCommand {
  let pending: { apply: () => Applied; deliver: (applied: Applied) => void }[] = [];

  const flush = () => {
    const group = pending;
    pending = [];
    const results: Applied[] = [];
    try {
      store.transaction((open) => {
        for (const command of group) {
          // A full disk makes SQLite roll the whole group back by itself: stop there, or the
          // commands after it would each commit on their own while the group reports failure.
          if (!open()) break;
          results.push(command.apply());
        }
        if (!open()) throw new Error('the database rolled the group back');
      });
    } catch (error) {
      logger.error({ err: error, commands: group.length }, 'group commit failed; its commands refused');
      for (const r of results) if (r.broadcast) registry.release(r.broadcast.sessionId);
      for (let i = 0; i < group.length; i++) {
        const r = results[i];
        results[i] = r && !r.ack.ok ? r : { ack: failure('STORAGE_FAILED'), broadcast: null };
      }
    }
    group.forEach((command, i) => command.deliver(results[i]!));
  };

  return (apply, deliver) => {
    if (pending.push({ apply, deliver }) === 1) setImmediate(flush);
  };
}
