import { ACCEPTED } from './acceptance.js';
import type { SessionContext } from './context.js';
import type { SessionEvent } from './events.js';
import { reasonAgainst } from './rules.js';
import type { SessionStatus } from './view.js';

export interface Refusal {
  code: 'WRONG_STATE' | 'NOT_ALLOWED';
  message: string;
}

/**
 * Why the machine would refuse an event, or null if it would take it: WRONG_STATE when the state
 * takes no such command ("the session is paused"), NOT_ALLOWED with the rule's own words when the
 * context forbids it. Pure and free of xstate, so a screen can ask it before offering a button.
 */
export function refusalOf(status: SessionStatus, ctx: SessionContext, event: SessionEvent): Refusal | null {
  if (!ACCEPTED[status].has(event.type)) return { code: 'WRONG_STATE', message: WRONG_STATE_MESSAGES[status] };
  const reason = reasonAgainst(ctx, event);
  return reason ? { code: 'NOT_ALLOWED', message: reason } : null;
}

const WRONG_STATE_MESSAGES: Record<SessionStatus, string> = {
  lobby: 'The session has not started yet.',
  live: 'That cannot be done while the session is live.',
  paused: 'The session is paused: resume it first.',
  ended: 'The session has ended; its record is closed.',
};
