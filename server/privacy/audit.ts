import type { Instant } from '../../shared/time.js';
import type { Clock } from '../clock.js';
import type { AuditEntry, AuditStore, AuditWrite } from '../store/types.js';
import { requestAddress } from './request-context.js';

/** What can be audited (docs/privacy.md D2). Add an action here before recording it. */
export const AUDIT_ACTIONS = [
  'auth.sign-in',
  'auth.sign-out',
  'auth.two-factor.enable',
  'auth.two-factor.disable',
  'account.create',
  'auth.sign-in.failed',
  'auth.lockout',
  'group.create',
  'group.update',
  'group.reviewer.grant',
  'group.reviewer.revoke',
  'member.erase',
  'review.view',
  'review.export',
  'session.sign',
  'session.read',
  // Progress notes (docs/review.md §Progress notes, R18): read, saved (each version), an addendum.
  'progress-note.view',
  'progress-note.save',
  'progress-note.addendum',
  'settings.retention',
  'settings.update',
  'purge.run',
  'audit.export',
  'backup.create',
  // The account lifecycle (docs/security.md S42, S43): the subject is the account acted on.
  'account.disable',
  'account.enable',
  'account.role',
  'account.password-reset',
  'account.sign-out-everywhere',
  'account.sign-in-revoke',
  // Member voice (docs/ratings.md): a link opened or stopped (subject: the session); a rating in or
  // replaced (actor `member`, subject: the member; never a score or the comment).
  'ratings.collect',
  'ratings.stop',
  'rating.submit',
  'rating.replace',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export type AuditSubject = 'user' | 'group' | 'member' | 'session' | 'settings' | 'database' | 'audit';

type Fact = string | number | boolean | null;
/** Ids, counts, flags and short codes: never a name, a note or anything a person typed (D3). */
export type AuditDetail = Readonly<Record<string, Fact | readonly Fact[]>>;

export interface AuditInput {
  /** An account id, or `system` (scheduled jobs), `cli` (shell tools), `anonymous` (failed sign-ins) or `member` (a member's rating, docs/ratings.md). */
  actorId: string;
  action: AuditAction;
  subjectType: AuditSubject;
  subjectId: string | null;
  detail?: AuditDetail;
  /**
   * The network address the action came from (`req.ip`, which follows TRUST_PROXY; a socket's
   * own). Left out, it is the address of the HTTP request being answered, if any; null from the
   * command line and scheduled jobs.
   */
  address?: string | null;
  /** Keep no address even while a request is answered: a member's phone is not staff (D20, D33). */
  noAddress?: true;
}

export interface Audit {
  /** Writes one entry now; rejects if it cannot, so the audited action fails with it (D4). */
  record(entry: AuditInput): Promise<void>;
  /**
   * The entry as `record` would write it (checked, timed now, with its address), unwritten: for a
   * write that takes its audit entry and stores both in one transaction (D4).
   */
  entry(input: AuditInput): AuditWrite;
  list(from: Instant, to: Instant): Promise<AuditEntry[]>;
}

/** The most entries one read returns: a range is meant to be narrowed, not paged. */
export const AUDIT_READ_LIMIT = 50_000;

/**
 * A string in the detail must look like an id or a code (no spaces, short). It cannot prove a
 * value is not a name, but it stops note text, flag text and sentences from ever being recorded.
 */
const CODE_LIKE = /^[A-Za-z0-9_.:/@+-]{0,64}$/;

function checkDetail(detail: AuditDetail): void {
  for (const [key, value] of Object.entries(detail)) {
    for (const fact of Array.isArray(value) ? value : [value]) {
      if (typeof fact === 'string' && !CODE_LIKE.test(fact)) throw new Error(`audit detail "${key}" must hold an id or a code`);
    }
  }
}

export function createAudit(store: AuditStore, clock: Clock): Audit {
  const entry = ({ actorId, action, subjectType, subjectId, detail = {}, address, noAddress }: AuditInput): AuditWrite => {
    checkDetail(detail);
    const from = noAddress ? null : (address ?? requestAddress());
    return { at: clock.now(), actorId, action, subjectType, subjectId, detail, address: from };
  };
  return {
    // Async, so a detail refused by the check rejects like a failed write: one way to fail.
    record: async (input) => store.append(entry(input)),
    entry,
    list: (from, to) => store.list(from, to, AUDIT_READ_LIMIT),
  };
}
