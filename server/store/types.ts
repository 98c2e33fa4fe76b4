import type { AuditStore, AuditWrite, PrivacyStore, ProgressNoteStore, RatingStore, ReviewerStore, ReviewStore } from './record-types.js';
import type { TrendSettings } from '../../shared/schemas/trends.js';
import type { RatingItem } from '../../shared/schemas/rating-scale.js';
import type { Plan } from '../../shared/session/context.js';
import type { SessionEvent } from '../../shared/session/events.js';
import type { SessionStatus } from '../../shared/session/view.js';
import type { Instant } from '../../shared/time.js';

/**
 * Storage behind small interfaces, so PostgreSQL can replace SQLite without the rest of the server
 * noticing (BRIEF §5 "Scale", docs/decisions/013-scale-out.md). Every method is async: SQLite
 * answers at once, PostgreSQL later over the network, and no caller can tell which.
 *
 * There is no transaction across stores at this seam (an open transaction held across `await`s
 * would take in whatever else runs meanwhile on SQLite's one connection). A write that must be
 * audited takes its audit entry and writes both in one transaction of its own (docs/privacy.md D4).
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
  /** A substance-use group under 42 CFR Part 2: exports carry the notice, only the lead exports. */
  substanceUse: boolean;
  /** What the facilitators do in a crisis, shown while a crisis pause lasts. */
  safetySteps: string;
  /** The "worth a look" thresholds (shared/schemas/trends.ts), defaults filled in. */
  trendSettings: TrendSettings;
  /** The member-voice scale the group asks (docs/ratings.md); the defaults until edited. */
  ratingItems: RatingItem[];
}

export interface GroupWrite {
  name: string;
  focus: string | null;
  billingCode: string;
  agreements: string;
  coFacilitatorId: string | null;
  /** Absent: false for a new group, unchanged on an update (an old client never clears it). */
  substanceUse?: boolean | undefined;
  /** Absent: empty for a new group, unchanged on an update (an old client never clears it). */
  safetySteps?: string | undefined;
  /** Absent: the defaults for a new group, unchanged on an update. */
  trendSettings?: TrendSettings | undefined;
  /** Absent: the default items for a new group, unchanged on an update. */
  ratingItems?: RatingItem[] | undefined;
  /** In seat order; an entry without id is a new member. */
  members: { id?: string | undefined; name: string }[];
}

export interface GroupStore {
  create(id: string, leadId: string, input: GroupWrite, at: Instant): Promise<GroupRow>;
  update(id: string, input: GroupWrite): Promise<GroupRow>;
  get(id: string): Promise<GroupRow | null>;
  listFor(userId: string): Promise<GroupRow[]>;
  /** Current roster in seat order. */
  members(groupId: string): Promise<MemberRow[]>;
  /** Members by id, including ones since removed from the roster (old sessions name them). */
  membersById(ids: readonly string[]): Promise<MemberRow[]>;
}

export interface SessionRow {
  id: string;
  groupId: string;
  leadId: string;
  coFacilitatorId: string | null;
  plan: Plan;
  seats: string[];
  status: SessionStatus;
  /** The version of its newest log entry (0 before the first). */
  version: number;
  /** The version `snapshot` was saved at: the log entries after it are applied on top when restored. */
  snapshotVersion: number;
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
  /** The session as of this entry, when it is due to be saved; otherwise only the entry is written. */
  saved: SavedSnapshot | null;
}

/** What a session row holds of its state, saved at the version of the entry it comes with. */
export interface SavedSnapshot {
  status: SessionStatus;
  snapshot: string;
  machineVersion: string;
  startedAt: Instant | null;
  endedAt: Instant | null;
}

/** Session records as REST and the review read them (async, see the note at the top). */
export interface SessionStore {
  create(row: SessionRow): Promise<void>;
  get(id: string): Promise<SessionRow | null>;
  listForGroup(groupId: string): Promise<SessionRow[]>;
  listFor(userId: string): Promise<SessionRow[]>;
  /**
   * Writes one applied command now, in the caller's transaction: for seeding and tools that build
   * a log outside the live core. The live core appends through `LiveStore.append`.
   */
  commit(commit: Commit): Promise<void>;
  log(sessionId: string): Promise<LogEntry[]>;
  /** Open sessions of a group planned with `fromId` as co-facilitator get `toId`; returns their ids. */
  reassignCoFacilitator(groupId: string, fromId: string, toId: string | null): Promise<string[]>;
  /** The co-facilitator of each of these sessions that exists, in one read (the cluster sweep's). */
  coFacilitators(ids: readonly string[]): Promise<Map<string, string | null>>;
  /** The names around each of these sessions that exists, in one read (../live/names.ts). */
  names(ids: readonly string[]): Promise<Map<string, StoredNames>>;
}

/** A session's group's name, its group's members' names by id, and its facilitators' names (null: no such account). */
export interface StoredNames {
  groupName: string;
  memberNames: Map<string, string>;
  leadName: string | null;
  coName: string | null;
}

/** A snapshot a restore made by applying log entries, saved so the next start has less to apply. */
export interface RestoredSave {
  id: string;
  version: number;
  snapshot: string;
  machineVersion: string;
}

/**
 * The store as the live core uses it: asynchronous, so a store that answers over a network fits
 * the same core. SQLite resolves reads at once.
 */
export interface LiveStore {
  read(id: string): Promise<SessionRow | null>;
  /** Sessions not ended: restored at start. */
  listOpen(): Promise<SessionRow[]>;
  /**
   * Appends the entry and, when given, saves the snapshot, all or nothing. Resolves once it is on
   * disk; rejects when it was not written. Appends are written in the order they were made, and an
   * entry is written only right after the session's previous version: one built on an append that
   * failed is refused too, so the log never has a gap.
   */
  append(commit: Commit): Promise<void>;
  /** The log entries after `version`, oldest first. */
  logAfter(sessionId: string, version: number): Promise<LogEntry[]>;
  findCommand(sessionId: string, commandId: string): Promise<LogEntry | null>;
  /** Every command id in the session's log, in no particular order. */
  commandIds(sessionId: string): Promise<string[]>;
  /** The newest log entry, or null for none. */
  lastEntry(sessionId: string): Promise<LogEntry | null>;
  /** Saves snapshots a restore made (the log is untouched), all in one transaction. */
  saveSnapshots(saves: readonly RestoredSave[]): Promise<void>;
}

export interface UserRow {
  id: string;
  name: string;
  email: string;
  admin: boolean;
}

/** An account as an admin manages it (docs/security.md S42, S43). */
export interface AccountRow extends UserRow {
  disabled: boolean;
  /** Holds every sign-in of the account until it sets a password of its own (after a reset). */
  mustChangePassword: boolean;
}

export interface UserStore {
  count(): Promise<number>;
  /** Any account, disabled or not: past records keep their people's names. */
  get(id: string): Promise<UserRow | null>;
  /** Accounts that are not disabled (the ones a lead may pick), by name. */
  list(): Promise<UserRow[]>;
  /** With its audit entry, in one transaction (docs/privacy.md D4); so are the two below. */
  setAdmin(id: string, admin: boolean, audit: AuditWrite): Promise<void>;
  /** Every account with its lifecycle state, by name. */
  accounts(): Promise<AccountRow[]>;
  account(id: string): Promise<AccountRow | null>;
  byEmail(email: string): Promise<AccountRow | null>;
  setDisabled(id: string, disabled: boolean, audit: AuditWrite): Promise<void>;
  /** `audit` is null where the account is being made (its creation is audited). */
  setMustChangePassword(id: string, must: boolean, audit: AuditWrite | null): Promise<void>;
  /** Admins that are not disabled: the last one cannot be demoted or disabled. */
  activeAdminCount(): Promise<number>;
}

/** Server-wide settings an admin changes (docs/security.md S4, S18). */
export interface Settings {
  requireTwoFactor: boolean;
  idleLockMinutes: number;
  /** Days an ended session is kept before the purge deletes it; null keeps it for ever (D8). */
  retentionDays: number | null;
  /** The clinic's IANA time zone and locale (docs/review.md R26); null until chosen: the environment's then. */
  clinicTimeZone: string | null;
  clinicLocale: string | null;
}

export interface SettingsStore {
  get(): Promise<Settings>;
  update(patch: Partial<Settings>): Promise<Settings>;
}

export interface InviteRow {
  tokenHash: string;
  groupId: string;
  createdBy: string;
  createdAt: Instant;
  expiresAt: Instant;
  usedAt: Instant | null;
}

export interface InviteStore {
  create(row: Omit<InviteRow, 'usedAt'>): Promise<void>;
  get(tokenHash: string): Promise<InviteRow | null>;
  /** Marks it used if it is still unused and unexpired; false if someone else got there first. */
  claim(tokenHash: string, at: Instant): Promise<boolean>;
  /** Undoes a claim whose account could not be made. */
  release(tokenHash: string): Promise<void>;
  setUsedBy(tokenHash: string, userId: string): Promise<void>;
}

/** A better-auth sign-in session as the socket re-checks it on every command (S11). */
export interface SignInCheck {
  userId: string;
  twoFactorEnabled: boolean;
  locked: boolean;
  mustChangePassword: boolean;
  /** The clinic requires two-factor (settings), read in the same statement as the rest. */
  twoFactorRequired: boolean;
}

/** One of an account's sign-ins as its owner sees it: never the token. */
export interface SignInRow {
  id: string;
  userAgent: string | null;
  ipAddress: string | null;
  createdAt: string;
  /** better-auth refreshes this at most hourly (`session.updateAge`): "last active" to the hour. */
  updatedAt: string;
  expiresAt: string;
}

export interface SignInStore {
  /** The sign-in if it still exists, has not expired at `nowIso` and its account is not disabled. */
  check(signInId: string, nowIso: string): Promise<SignInCheck | null>;
  /** The account's unexpired sign-ins, newest activity first. */
  listFor(userId: string, nowIso: string): Promise<SignInRow[]>;
  /** Ends one of the account's own sign-ins; false if it has none by that id. */
  revoke(userId: string, signInId: string): Promise<boolean>;
  /** Ends every sign-in of the account ("sign out everywhere"); returns how many. */
  revokeAll(userId: string): Promise<number>;
  lock(signInId: string, at: Instant): Promise<void>;
  unlock(signInId: string): Promise<void>;
  isLocked(signInId: string): Promise<boolean>;
}

export interface Store {
  users: UserStore;
  groups: GroupStore;
  sessions: SessionStore;
  live: LiveStore;
  settings: SettingsStore;
  invites: InviteStore;
  signIns: SignInStore;
  audit: AuditStore;
  privacy: PrivacyStore;
  reviews: ReviewStore;
  reviewers: ReviewerStore;
  progressNotes: ProgressNoteStore;
  ratings: RatingStore;
  /**
   * Makes every commit so far durable, off the event loop; `done` gets the error if the disk
   * failed. SQLite's `live.append` waits for it (the fault tests hold or fail it here); a
   * PostgreSQL commit is durable when it returns, so there it answers at once.
   */
  syncToDisk(done: (error: Error | null) => void): void;
  close(): Promise<void>;
}

// The record's stores live in their own file; their types are still reached from here.
export type * from './record-types.js';
