import type { Phase } from '../phases.js';
import type { MemberId, SessionContext } from './context.js';

export type SessionStatus = 'lobby' | 'live' | 'paused' | 'ended';

export interface RosterMember {
  id: MemberId;
  name: string;
  seat: number;
}

export interface Facilitator {
  id: string;
  name: string;
  role: 'lead' | 'co';
}

/**
 * What a facilitator's screen receives about a live session: the machine's context (flags, notes
 * and signals included; only facilitators ever receive it), the names that the machine keeps out
 * of itself, and who runs the session.
 */
export interface SessionView {
  sessionId: string;
  groupId: string;
  groupName: string;
  status: SessionStatus;
  phase: Phase | null;
  members: RosterMember[];
  facilitators: Facilitator[];
  context: SessionContext;
}

/** The state value of the machine as one word. */
export function statusOf(value: unknown): SessionStatus {
  if (value === 'lobby' || value === 'paused' || value === 'ended') return value;
  return 'live';
}

/** The members in the room, in seat order: marked present or late (one who left is not). */
export function membersInRoom(view: SessionView): RosterMember[] {
  return view.members
    .filter((m) => ['present', 'late'].includes(view.context.attendance[m.id]?.status ?? ''))
    .sort((a, b) => a.seat - b.seat);
}
