import type { AccountSummary, PasswordReset } from '../../../shared/schemas/accounts.js';
import { request } from '../../api/http.js';

/**
 * Admin-only REST calls (docs/privacy.md D5, D7, D8). The shapes are those the routes in
 * server/http/routes/{audit,privacy}.ts send; the server refuses anyone but an admin.
 */

export interface AuditEntryView {
  seq: number;
  /** ISO instant. */
  at: string;
  actorId: string;
  /** The account's name; null for `system` and `cli`, or an account since removed. */
  actorName: string | null;
  /** Where the action came from (an IP address); null from the command line and scheduled jobs. */
  address: string | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  /** Ids, codes, counts and booleans only (D3). */
  detail: Record<string, unknown>;
}

export interface AuditPage {
  from: string;
  to: string;
  entries: AuditEntryView[];
  /** The read hit the server's cap: narrow the range. */
  truncated: boolean;
}

/** `from` and `to` are UTC dates (YYYY-MM-DD), `to` inclusive. */
export interface AuditRange {
  from: string;
  to: string;
}

const rangeQuery = ({ from, to }: AuditRange) => new URLSearchParams({ from, to }).toString();

export const getAudit = (range: AuditRange) => request<AuditPage>('GET', `/api/audit?${rangeQuery(range)}`);
/** A plain link: the browser downloads it with the sign-in cookie. */
export const auditCsvUrl = (range: AuditRange) => `/api/audit.csv?${rangeQuery(range)}`;

export interface RetentionSetting {
  /** Days an ended session is kept; null keeps it for ever. */
  retentionDays: number | null;
}

export interface PurgeResult {
  /** Sessions that ended before this instant were purged; null when retention is "for ever". */
  cutoff: string | null;
  sessions: number;
  logEntries: number;
}

export const getRetention = () => request<RetentionSetting>('GET', '/api/admin/retention');
export const saveRetention = (retentionDays: number | null) => request<RetentionSetting>('PUT', '/api/admin/retention', { retentionDays });
export const purgeNow = () => request<PurgeResult>('POST', '/api/admin/purge', {});

/** The account lifecycle (docs/security.md S42, S43). */
const account = (userId: string, action: string) => `/api/accounts/${encodeURIComponent(userId)}/${action}`;
export const getAccounts = () => request<{ accounts: AccountSummary[] }>('GET', '/api/accounts');
export const disableAccount = (userId: string) => request<{ account: AccountSummary }>('POST', account(userId, 'disable'), {});
export const enableAccount = (userId: string) => request<{ account: AccountSummary }>('POST', account(userId, 'enable'), {});
export const setAdmin = (userId: string, admin: boolean) => request<{ account: AccountSummary }>('PUT', account(userId, 'role'), { admin });
export const resetPassword = (userId: string) => request<PasswordReset>('POST', account(userId, 'reset-password'), {});
export const signOutEverywhere = (userId: string) =>
  request<{ account: AccountSummary }>('POST', account(userId, 'sign-out-everywhere'), {});
