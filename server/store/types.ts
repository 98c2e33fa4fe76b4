import type { Plan } from '../../shared/session/context.js';
import type { SessionEvent } from '../../shared/session/events.js';
import type { SessionStatus } from '../../shared/session/view.js';
import type { Instant } from '../../shared/time.js';

/**
 * Storage behind small interfaces, so a Postgres implementation can replace SQLite without the
 * rest of the server noticing (BRIEF §5 "Scale"). Every method is synchronous here; a networked
 * store would make them async at this seam.
 */
export interface MemberRow {
  id: string;
  groupId: string;
  name: string;
  seat: number;
}

export interface GroupRow {
  id: string;
  name: string;
  focus: string | null;
  billingCode: string;
  agreements: string;
  leadId: string;
  coFacilitatorId: string | null;
  createdAt: Instant;
}

export interface GroupWrite {
  name: string;
  focus: string | null;
  billingCode: string;
  agreements: string;
  coFacilitatorId: string | null;
  /** In seat order; an entry without id is a new member. */
  members: { id?: string | undefined; name: string }[];
}

export interface GroupStore {
  create(id: string, leadId: string, input: GroupWrite, at: Instant): GroupRow;
  update(id: string, input: GroupWrite): GroupRow;
  get(id: string): GroupRow | null;
  listFor(userId: string): GroupRow[];
  /** Current roster in seat order. */
  members(groupId: string): MemberRow[];
  /** Members by id, including ones since removed from the roster (old sessions name them). */
  membersById(ids: readonly string[]): MemberRow[];
}

export interface SessionRow {
  id: string;
  groupId: string;
  leadId: string;
  coFacilitatorId: string | null;
  plan: Plan;
  seats: string[];
  status: SessionStatus;
  version: number;
  snapshot: string;
  machineVersion: string;
  createdAt: Instant;
  startedAt: Instant | null;
  endedAt: Instant | null;
}

export interface LogEntry {
  sessionId: string;
  version: number;
  at: Instant;
  actorId: string;
  commandId: string;
  event: SessionEvent;
}

/** One applied command: written whole or not at all. */
export interface Commit {
  entry: LogEntry;
  status: SessionStatus;
  snapshot: string;
  machineVersion: string;
  startedAt: Instant | null;
  endedAt: Instant | null;
}

export interface SessionStore {
  create(row: SessionRow): void;
  get(id: string): SessionRow | null;
  listForGroup(groupId: string): SessionRow[];
  listFor(userId: string): SessionRow[];
  /** Sessions not ended: restored at start. */
  listOpen(): SessionRow[];
  /** Appends the log entry and saves the snapshot in one transaction. */
  commit(commit: Commit): void;
  /** Replaces the snapshot after a replay (the log is untouched). */
  saveSnapshot(id: string, snapshot: string, machineVersion: string): void;
  log(sessionId: string): LogEntry[];
  findCommand(sessionId: string, commandId: string): LogEntry | null;
  /** The newest log entry, or null for none. */
  lastEntry(sessionId: string): LogEntry | null;
}

export interface UserRow {
  id: string;
  name: string;
  email: string;
  admin: boolean;
}

export interface UserStore {
  count(): number;
  get(id: string): UserRow | null;
  list(): UserRow[];
  setAdmin(id: string, admin: boolean): void;
}

export interface Store {
  users: UserStore;
  groups: GroupStore;
  sessions: SessionStore;
  close(): void;
}
