import { getNextTransitions, type SnapshotFrom } from 'xstate';
import type { SessionEvent } from './events.js';
import type { SessionMachine } from './machine.js';
import { reasonAgainst } from './rules.js';
import { statusOf, type SessionStatus } from './view.js';

export interface Refusal {
  code: 'WRONG_STATE' | 'NOT_ALLOWED';
  message: string;
}

/**
 * Why the machine would refuse an event, or null if it would take it. An event the current state
 * has no transition for is WRONG_STATE ("the session is paused"); one the rules refuse is
 * NOT_ALLOWED with the rule's own words.
 */
export function refusalOf(snapshot: SnapshotFrom<SessionMachine>, event: SessionEvent): Refusal | null {
  if (snapshot.can(event)) return null;
  const handled = snapshot.status === 'active' && getNextTransitions(snapshot).some((t) => t.eventType === event.type);
  const reason = handled ? reasonAgainst(snapshot.context, event) : null;
  if (reason) return { code: 'NOT_ALLOWED', message: reason };
  return { code: 'WRONG_STATE', message: wrongStateMessage(statusOf(snapshot.value)) };
}

function wrongStateMessage(status: SessionStatus): string {
  switch (status) {
    case 'lobby':
      return 'The session has not started yet.';
    case 'paused':
      return 'The session is paused: resume it first.';
    case 'ended':
      return 'The session has ended; its record is closed.';
    case 'live':
      return 'That cannot be done while the session is live.';
    default:
      return status satisfies never;
  }
}
