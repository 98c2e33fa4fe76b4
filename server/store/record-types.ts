import type { NoteFields } from '../../shared/review/progress-notes.js';
import type { Instant } from '../../shared/time.js';
import type { RatingItem } from '../../shared/schemas/rating-scale.js';
import type { Rating } from '../../shared/schemas/ratings.js';

// The stores of the clinical record around a session (./types.ts holds the rest and re-exports
// these): the audit log, the purge, the review's signatures and addenda, reviewers, progress notes.

/** One audit entry (docs/privacy.md D1–D4): ids and small facts only, never names or typed text. */
export interface AuditEntry {
  seq: number;
  at: Instant;
  actorId: string;
  /** The actor's account name when the entry was written; null for `system`, `cli` and old entries. */
  actorName: string | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  detail: Record<string, unknown>;
  /** Where the action came from (an IP address), or null (command line, scheduled jobs). */
  address: string | null;
}

/** An audit entry as a write hands it to its store, to be written in the write's transaction. */
export type AuditWrite = Omit<AuditEntry, 'seq' | 'actorName'>;

/** Append-only: the table's triggers refuse UPDATE and DELETE. */
export interface AuditStore {
  /** The actor's name is looked up and stored with the entry, at this moment. */
  append(entry: AuditWrite): Promise<void>;
  /** Entries with `from <= at < to`, oldest first, at most `limit`. */
  list(from: Instant, to: Instant, limit: number): Promise<AuditEntry[]>;
}

export interface PurgeCount {
  sessionIds: string[];
  logEntries: number;
}

/**
 * Deletions privacy asks for (docs/privacy.md D8–D11). Each is one transaction with its audit
 * entry: `audit` makes the entry inside it, so a deletion that cannot be recorded does not happen (D4).
 */
export interface PrivacyStore {
  /** Deletes ended sessions that ended before `cutoff`: their phase log, snapshot, row and dependants. */
  purgeEndedBefore(cutoff: Instant, at: Instant, audit: (count: PurgeCount) => AuditWrite): Promise<PurgeCount>;
  /** Replaces a member's name by a tombstone and takes them off the roster; false if no such member. */
  eraseMember(groupId: string, memberId: string, at: Instant, audit: AuditWrite): Promise<boolean>;
}

/**
 * Sign and lock of a session's review (docs/review.md). Every table is append-only; the first
 * signature writes the lock in the same transaction, so a record is never signed but unlocked.
 */
export interface ReviewSignatureRow {
  sessionId: string;
  userId: string;
  role: 'lead' | 'co';
  signedAt: Instant;
}

export interface ReviewLockRow {
  sessionId: string;
  lockedAt: Instant;
  logVersion: number;
  logDigest: string;
}

export interface ReviewAddendumRow {
  id: string;
  sessionId: string;
  authorId: string;
  at: Instant;
  text: string;
}

export interface ReviewStore {
  lock(sessionId: string): Promise<ReviewLockRow | null>;
  signatures(sessionId: string): Promise<ReviewSignatureRow[]>;
  /** Adds a signature, and the lock with it when there is none yet; false if this user already signed. */
  sign(signature: ReviewSignatureRow, lock: ReviewLockRow): Promise<boolean>;
  addenda(sessionId: string): Promise<ReviewAddendumRow[]>;
  addAddendum(row: ReviewAddendumRow): Promise<void>;
  /** A reviewer opened the review now (docs/privacy.md D31): kept as the latest read only. */
  markRead(sessionId: string, userId: string, at: Instant): Promise<void>;
  /** When this user last opened the session's review, or null. */
  readAt(sessionId: string, userId: string): Promise<Instant | null>;
}

/** A supervisor with read-only access to a group's reviews, granted by its lead. */
export interface ReviewerRow {
  groupId: string;
  userId: string;
  grantedBy: string;
  grantedAt: Instant;
}

export interface ReviewerStore {
  /** False when the account was a reviewer of the group already. */
  grant(groupId: string, userId: string, grantedBy: string, at: Instant): Promise<boolean>;
  revoke(groupId: string, userId: string): Promise<boolean>;
  list(groupId: string): Promise<ReviewerRow[]>;
  isReviewer(groupId: string, userId: string): Promise<boolean>;
  groupsOf(userId: string): Promise<string[]>;
}

/** A saved version of a member's progress note (docs/review.md §Progress notes). */
export interface ProgressNoteVersionRow {
  sessionId: string;
  memberId: string;
  version: number;
  fields: NoteFields;
  authorId: string;
  savedAt: Instant;
}

export interface ProgressNoteAddendumRow {
  id: string;
  sessionId: string;
  memberId: string;
  authorId: string;
  at: Instant;
  text: string;
}

/** Append-only: every save a new version, refused by the database once the review is locked. */
export interface ProgressNoteStore {
  /** The newest version of each member's note in the session. */
  latest(sessionId: string): Promise<ProgressNoteVersionRow[]>;
  /**
   * Stores `row` as version `row.version` if the newest stored is `row.version - 1` (0: none);
   * otherwise stores nothing and returns the newest (the save was stale).
   */
  save(row: ProgressNoteVersionRow): Promise<{ saved: true } | { saved: false; current: ProgressNoteVersionRow | null }>;
  addenda(sessionId: string): Promise<ProgressNoteAddendumRow[]>;
  addAddendum(row: ProgressNoteAddendumRow): Promise<void>;
}

/** A time rating links were open for a session (docs/ratings.md): open until `closedAt`. */
export interface RatingWindowRow {
  id: string;
  sessionId: string;
  openedBy: string;
  openedAt: Instant;
  closedAt: Instant | null;
  closedBy: string | null;
}

/**
 * Member voice (docs/ratings.md): the items each session asked, the windows ratings were
 * collected in, and one rating per member and session (a second submission replaces the first).
 */
export interface RatingStore {
  /** Records the items a session asks the first time it collects; later calls keep the first. Returns the session's items. */
  fixItems(sessionId: string, items: readonly RatingItem[]): Promise<RatingItem[]>;
  /** The items the session asked, or null if it never collected. */
  items(sessionId: string): Promise<RatingItem[] | null>;
  /**
   * Fixes the session's items (as `fixItems`) and opens the window, with its audit entry: one
   * transaction. False, writing nothing, when the session has a window open already: one open link
   * per session is the database's rule, so two presses at once — on two processes too — open one.
   */
  openWindow(row: Omit<RatingWindowRow, 'closedAt' | 'closedBy'>, items: readonly RatingItem[], audit: AuditWrite): Promise<boolean>;
  /** Closes the window if still open, with its audit entry when given; false when it was closed already. */
  closeWindow(id: string, at: Instant, by: string, audit: AuditWrite | null): Promise<boolean>;
  /** The session's newest window, open or not. */
  latestWindow(sessionId: string): Promise<RatingWindowRow | null>;
  /** Every window still open (few at a time: the short codes are looked up among them). */
  openWindows(): Promise<RatingWindowRow[]>;
  /**
   * Saves a member's rating, with the audit entry `audit` makes of the outcome in the same
   * transaction; 'replaced' when the member had one for the session already.
   */
  save(rating: Omit<Rating, 'submissions'>, audit: (outcome: 'new' | 'replaced') => AuditWrite | null): Promise<'new' | 'replaced'>;
  forSession(sessionId: string): Promise<Rating[]>;
  forSessions(sessionIds: readonly string[]): Promise<Rating[]>;
  /** Members with a rating for the session. */
  count(sessionId: string): Promise<number>;
}
