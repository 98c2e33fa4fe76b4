import type { NoteFields } from '../../shared/review/progress-notes.js';
import type { Rating, RatingVia } from '../../shared/schemas/ratings.js';
import { instant } from '../../shared/time.js';
import type {
  ProgressNoteAddendumRow,
  ProgressNoteVersionRow,
  RatingWindowRow,
  ReviewAddendumRow,
  ReviewLockRow,
  ReviewSignatureRow,
} from './record-types.js';

/**
 * The clinical record's rows as both stores select them (SQLite's ./sqlite/, PostgreSQL's
 * ./postgres/, which casts its 64-bit times to numbers so its rows read the same), like ./rows.ts
 * for sessions and the log.
 */
export interface LockRecord {
  session_id: string;
  locked_at: number;
  log_version: number;
  log_digest: string;
}

export interface SignatureRecord {
  session_id: string;
  user_id: string;
  role: 'lead' | 'co';
  signed_at: number;
}

export interface ReviewAddendumRecord {
  id: string;
  session_id: string;
  author_id: string;
  at: number;
  text: string;
}

export interface NoteVersionRecord {
  session_id: string;
  member_id: string;
  version: number;
  fields: string;
  author_id: string;
  saved_at: number;
}

export interface NoteAddendumRecord {
  id: string;
  session_id: string;
  member_id: string;
  author_id: string;
  at: number;
  text: string;
}

export interface RatingRecord {
  session_id: string;
  member_id: string;
  scores: string;
  comment: string;
  submitted_at: number;
  submissions: number;
  via: RatingVia;
}

export interface WindowRecord {
  id: string;
  session_id: string;
  opened_by: string;
  opened_at: number;
  closed_at: number | null;
  closed_by: string | null;
}

export const toLock = (r: LockRecord): ReviewLockRow => ({
  sessionId: r.session_id,
  lockedAt: instant(r.locked_at),
  logVersion: r.log_version,
  logDigest: r.log_digest,
});

export const toSignature = (r: SignatureRecord): ReviewSignatureRow => ({
  sessionId: r.session_id,
  userId: r.user_id,
  role: r.role,
  signedAt: instant(r.signed_at),
});

export const toReviewAddendum = (r: ReviewAddendumRecord): ReviewAddendumRow => ({
  id: r.id,
  sessionId: r.session_id,
  authorId: r.author_id,
  at: instant(r.at),
  text: r.text,
});

export const toNoteVersion = (r: NoteVersionRecord): ProgressNoteVersionRow => ({
  sessionId: r.session_id,
  memberId: r.member_id,
  version: r.version,
  fields: JSON.parse(r.fields) as NoteFields,
  authorId: r.author_id,
  savedAt: instant(r.saved_at),
});

export const toNoteAddendum = (r: NoteAddendumRecord): ProgressNoteAddendumRow => ({
  id: r.id,
  sessionId: r.session_id,
  memberId: r.member_id,
  authorId: r.author_id,
  at: instant(r.at),
  text: r.text,
});

export const toRating = (r: RatingRecord): Rating => ({
  sessionId: r.session_id,
  memberId: r.member_id,
  scores: JSON.parse(r.scores) as Record<string, number>,
  comment: r.comment,
  submittedAt: instant(r.submitted_at),
  submissions: r.submissions,
  via: r.via,
});

export const toWindow = (r: WindowRecord): RatingWindowRow => ({
  id: r.id,
  sessionId: r.session_id,
  openedBy: r.opened_by,
  openedAt: instant(r.opened_at),
  closedAt: r.closed_at === null ? null : instant(r.closed_at),
  closedBy: r.closed_by,
});
