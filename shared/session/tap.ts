import type { Command } from '../schemas/commands.js';
import type { MemberId, SessionContext } from './context.js';
import { isInRoom } from './roster.js';

/**
 * One tap on a member's tile (P46): the action it takes at once, and the command that undoes it.
 * Pure, so the tile, the Undo button, the U key and the tests share one answer.
 */

/** How long the console offers **Undo** after a one-tap action. */
export const UNDO_SHOWN_MS = 5_000;
/**
 * How long after a one-tap Give the floor the machine still takes `floor.undo` (server time). Longer
 * than the Undo is shown, so a press in its last second still lands over a slow link; short enough
 * that a real turn can never be erased from the record.
 */
export const UNDO_ACCEPTED_MS = 10_000;

/** What a tap did, with the command that reverses it. */
export interface Tap {
  command: Command;
  undo: Command;
  /** What the tap did, for the line beside Undo. */
  did: 'give' | 'queue' | 'unqueue';
}

/**
 * What one tap on `memberId`'s tile does now: give the floor when nobody has it (and the session is
 * not paused), otherwise add
 * the member to the queue or take them off it. Null when a tap has nothing to do at once (the
 * member speaks, is out of the room or not here): the tile then opens the member's actions.
 */
export function tapAction(ctx: SessionContext, memberId: MemberId): Tap | null {
  if (ctx.clock === null || ctx.endedAt !== null || !isInRoom(ctx, memberId)) return null;
  const queueIndex = ctx.queue.indexOf(memberId);
  // A paused session takes no new turn (floor.give is a live command): a tap queues instead.
  if (ctx.floor === null && ctx.clock.pausedAt === null) {
    return {
      command: { type: 'floor.give', memberId },
      undo: { type: 'floor.undo', memberId, toQueueIndex: queueIndex === -1 ? null : queueIndex },
      did: 'give',
    };
  }
  if (ctx.floor?.memberId === memberId) return null;
  if (queueIndex !== -1) {
    return {
      command: { type: 'queue.remove', memberId },
      undo: { type: 'queue.add', memberId, toIndex: queueIndex },
      did: 'unqueue',
    };
  }
  return { command: { type: 'queue.add', memberId }, undo: { type: 'queue.remove', memberId }, did: 'queue' };
}
