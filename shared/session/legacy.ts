import type { SessionContext } from './context.js';
import type { SessionEvent } from './events.js';

/**
 * What an entry logged under an older machine means to this one, when this one would refuse it
 * as it was written. Replaying a log must never fail on a rule added since (a session open at an
 * upgrade would not restore); the log itself is never rewritten, and the review reads it as
 * written.
 *
 * - Before P36 a member could be marked `late` in the lobby. Before the start, whoever has come
 *   is present: that is what such an entry now stands for.
 */
export function legacyEvent(ctx: SessionContext, event: SessionEvent): SessionEvent | null {
  if (event.type === 'attendance.mark' && event.mark === 'late' && ctx.clock === null) return { ...event, mark: 'present' };
  return null;
}
