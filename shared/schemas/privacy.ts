import { z } from 'zod';

/** The data routes (docs/privacy.md): audit reads, retention, purge; and a group's reviewers. */

const day = z.iso.date();
const moment = z.union([day, z.iso.datetime({ offset: true })]);

/**
 * `GET /api/audit` and `/api/audit.csv`: `from` and `to` are dates (UTC, `to` inclusive) or ISO
 * instants (`to` exclusive). Without them: the last 30 days.
 */
export const auditRangeSchema = z.strictObject({ from: moment.optional(), to: moment.optional() });
export const isAuditDay = (value: string) => day.safeParse(value).success;

export const auditEntryViewSchema = z.object({
  seq: z.number(),
  /** ISO instant. */
  at: z.string(),
  actorId: z.string(),
  /** The account's name; null for `system` and `cli`, or an account since removed. */
  actorName: z.string().nullable(),
  /** Where the action came from (an IP address); null from the command line and scheduled jobs. */
  address: z.string().nullable(),
  action: z.string(),
  subjectType: z.string(),
  subjectId: z.string().nullable(),
  /** Ids, codes, counts and booleans only (D3). */
  detail: z.record(z.string(), z.unknown()),
});
export type AuditEntryView = z.infer<typeof auditEntryViewSchema>;

export const auditPageSchema = z.object({
  from: z.string(),
  to: z.string(),
  entries: z.array(auditEntryViewSchema),
  /** The read hit the server's cap: narrow the range. */
  truncated: z.boolean(),
});

/** Days an ended session is kept, 1 day to 100 years; null keeps it for ever (the default). */
export const retentionSchema = z.strictObject({ retentionDays: z.number().int().min(1).max(36_500).nullable() });

export const purgeResultSchema = z.object({
  /** Sessions that ended before this instant were purged; null when retention is "for ever". */
  cutoff: z.string().nullable(),
  sessions: z.number(),
  logEntries: z.number(),
});

export const reviewerViewSchema = z.object({
  userId: z.string(),
  name: z.string(),
  /** ISO instant. */
  grantedAt: z.string(),
});
