import { PART2_NOTICE } from '../privacy/part2.js';
import type { SessionStatus } from '../../shared/session/view.js';
import type { GroupRow } from '../store/types.js';
import type { GroupRole } from './policy.js';

/**
 * What of a session's record a caller may have, decided in one place for every route that returns
 * it (docs/security.md S30–S32, docs/privacy.md D14, D21): the live state (`GET /api/sessions/:id`,
 * `session:join`), the raw phase log (`…/log`), the review (`…/review`, the group's review across
 * sessions), and the exports (`…/export.json`, `…/export.csv`, `…/members.csv`).
 */
export type RecordView = 'state' | 'log' | 'review' | 'export';

export type RecordRefusal = { code: 'NOT_FOUND' | 'FORBIDDEN'; message: string };

export interface RecordGrant {
  /** Private notes keep their text and member; otherwise only that a note was private is kept. */
  privateNotes: boolean;
  /** 42 CFR §2.32 redisclosure notice every answer from a Part 2 group carries (D13), or null. */
  notice: string | null;
}

export interface RecordCaller {
  /** Who the caller is to the session (`sessionRole`), or null when nobody. */
  role: GroupRole | null;
  group: Pick<GroupRow, 'substanceUse'> | null;
  status: SessionStatus;
}

const NOT_FOUND: RecordRefusal = { code: 'NOT_FOUND', message: 'There is no such session.' };
const NOT_ENDED: RecordRefusal = { code: 'FORBIDDEN', message: 'A reviewer reads a session once it has ended.' };
const LEAD_ONLY: RecordRefusal = {
  code: 'FORBIDDEN',
  message: "Only the lead takes a full copy of a substance-use group's records (exports and the phase log).",
};

/**
 * The rule set. A session's facilitators (lead and co it was planned with) read all of it, private
 * notes included. A reviewer reads the review and exports of an ended session only (S31), never
 * its private notes (S30), never the live state or the raw log (R3: 404). A full copy of a Part 2
 * group's record — an export or the raw log — is the lead's alone (D14, S32). Anyone else: 404.
 */
export function recordAccess({ role, group, status }: RecordCaller, view: RecordView): RecordGrant | RecordRefusal {
  if (role === null) return NOT_FOUND;
  const part2 = group?.substanceUse === true;
  const grant: RecordGrant = { privateNotes: role !== 'reviewer', notice: part2 ? PART2_NOTICE : null };
  if (role === 'reviewer') {
    if (view === 'state' || view === 'log') return NOT_FOUND;
    if (status !== 'ended') return NOT_ENDED;
  }
  if ((view === 'export' || view === 'log') && part2 && role !== 'lead') return LEAD_ONLY;
  return grant;
}

export const isRefusal = (outcome: RecordGrant | RecordRefusal): outcome is RecordRefusal => 'code' in outcome;
