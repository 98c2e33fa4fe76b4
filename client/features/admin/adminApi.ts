import { contract } from '../../../shared/rest/contract.js';
import type { ResponseOf } from '../../../shared/rest/route.js';
import type { AuditEntryView } from '../../../shared/schemas/privacy.js';
import { call, linkTo } from '../../api/http.js';

/**
 * Admin-only REST calls (docs/privacy.md D5, D7, D8; docs/security.md S42, S43), typed by the
 * contract; the server refuses anyone but an admin.
 */

export type { AuditEntryView };

/** `from` and `to` are UTC dates (YYYY-MM-DD), `to` inclusive. */
export interface AuditRange {
  from: string;
  to: string;
}

export const getAudit = (range: AuditRange) => call(contract.getAudit, { query: range });
/** A plain link: the browser downloads it with the sign-in cookie. */
export const auditCsvUrl = (range: AuditRange) => linkTo(contract.auditCsv, { query: range });

export type PurgeResult = ResponseOf<typeof contract.purge>;

export const getRetention = () => call(contract.getRetention, {});
export const saveRetention = (retentionDays: number | null) => call(contract.saveRetention, { body: { retentionDays } });
export const purgeNow = () => call(contract.purge, {});

/** The account lifecycle (docs/security.md S42, S43). */
export const getAccounts = () => call(contract.listAccounts, {});
export const disableAccount = (userId: string) => call(contract.disableAccount, { params: { userId } });
export const enableAccount = (userId: string) => call(contract.enableAccount, { params: { userId } });
export const setAdmin = (userId: string, admin: boolean) => call(contract.setAdmin, { params: { userId }, body: { admin } });
export const resetPassword = (userId: string) => call(contract.resetPassword, { params: { userId } });
export const signOutEverywhere = (userId: string) => call(contract.signOutEverywhere, { params: { userId } });
