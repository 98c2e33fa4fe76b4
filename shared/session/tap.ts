import type { Command } from '../schemas/commands.js';
import type { SessionContext } from './context.js';
import { speakerFields, speakerInRoom, type SpeakerId } from './speakers.js';

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
 * What one tap on a speaker's tile (a member's, or a facilitator's: P51) does now: give the floor when nobody has it (and the session is
 * not paused), otherwise add
 * the member to the queue or take them off it. Null when a tap has nothing to do at once (the
 * member speaks, is out of the room or not here): the tile then opens the member's actions.
 */
export function tapAction(ctx: SessionContext, speaker: SpeakerId): Tap | null {
  if (ctx.clock === null || ctx.endedAt !== null || !speakerInRoom(ctx, speaker)) return null;
  // A facilitator's own time takes the same path as a member's (P51).
  const named = speakerFields(speaker);
  const queueIndex = ctx.queue.indexOf(speaker);
  // A paused session takes no new turn (floor.give is a live command): a tap queues instead.
  if (ctx.floor === null && ctx.clock.pausedAt === null) {
    return {
      command: { type: 'floor.give', ...named },
      undo: { type: 'floor.undo', ...named, toQueueIndex: queueIndex === -1 ? null : queueIndex },
      did: 'give',
    };
  }
  if (ctx.floor?.memberId === speaker) return null;
  if (queueIndex !== -1) {
    return {
      command: { type: 'queue.remove', ...named },
      undo: { type: 'queue.add', ...named, toIndex: queueIndex },
      did: 'unqueue',
    };
  }
  return { command: { type: 'queue.add', ...named }, undo: { type: 'queue.remove', ...named }, did: 'queue' };
}
