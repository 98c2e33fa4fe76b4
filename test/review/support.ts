import { computeReview } from '../../shared/review/figures.js';
import type { Review, ReviewLogEntry } from '../../shared/review/types.js';
import type { SessionEvent } from '../../shared/session/events.js';
import { instant } from '../../shared/time.js';
import { CO, LEAD, MEMBERS, PLAN, T0 } from '../machine/helpers.js';

/** Hand-built logs for the review: the machine tests' fixtures, with names beside them. */

export const NAMES: Record<string, string> = { ana: 'Ana', ben: 'Ben', cleo: 'Cleo', dev: 'Dev' };
export const ROSTER = MEMBERS.map((id, seat) => ({ id, name: NAMES[id]!, seat }));
export const FACILITATORS = [
  { id: LEAD, name: 'Dana', role: 'lead' as const },
  { id: CO, name: 'Robin', role: 'co' as const },
];

/** Events as the server would have logged them: versions 1, 2, … */
export function entries(events: readonly SessionEvent[]): ReviewLogEntry[] {
  return events.map((event, i) => ({ version: i + 1, at: event.at, actorId: event.actor, commandId: `cmd-${i + 1}`, event }));
}

export function reviewOf(events: readonly SessionEvent[], asOfSec?: number, seats: readonly string[] = MEMBERS): Review {
  const log = entries(events);
  return computeReview({
    sessionId: 's-1',
    groupId: 'g-1',
    groupName: 'Tuesday group',
    plan: PLAN,
    seats,
    members: ROSTER.filter((m) => seats.includes(m.id)),
    facilitators: FACILITATORS,
    log,
    asOf: instant(asOfSec === undefined ? (log.at(-1)?.at ?? T0) : T0 + asOfSec * 1000),
  });
}

export const MIN = 60_000;
export const SEC = 1000;

/** The member row of a per-member figure list. */
export const of = <T extends { memberId: string }>(rows: readonly T[], id: string): T => {
  const row = rows.find((r) => r.memberId === id);
  if (!row) throw new Error(`no row for ${id}`);
  return row;
};
