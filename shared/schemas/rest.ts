import { z } from 'zod';
import { PHASES, DEFAULT_PHASE_MINUTES } from '../phases.js';
import { localeSchema, timeZoneSchema } from './clinic.js';
import { idSchema, LIMITS, memberNameSchema } from './common.js';
import { nameText, safeText } from './text.js';
import { trendSettingsInputSchema, trendSettingsSchema } from './trends.js';
import { ratingItemsSchema } from './rating-scale.js';

/** Request bodies of the REST API (docs/protocol.md §REST). Unknown keys are rejected. */

export const accountSchema = z.strictObject({
  name: nameText(LIMITS.personName),
  email: z.email().max(LIMITS.email),
  password: z.string().min(LIMITS.password.min).max(LIMITS.password.max),
});
export const newAccountSchema = accountSchema.extend({ admin: z.boolean().default(false) });
/** The first account, and the clinic's place as the setup screen found it (R26): the browser's zone and language. */
export const firstAccountSchema = accountSchema.extend({
  clinicTimeZone: timeZoneSchema.optional(),
  clinicLocale: localeSchema.optional(),
});

/** A roster entry: an existing member keeps its id; a new one has none yet. */
export const rosterEntrySchema = z.strictObject({
  id: idSchema.optional(),
  name: memberNameSchema,
});

export const groupInputSchema = z.strictObject({
  name: nameText(LIMITS.groupName),
  focus: safeText(LIMITS.groupFocus, { noun: 'The focus' }).nullable().default(null),
  billingCode: z
    .string()
    .trim()
    .regex(/^[0-9A-Z]{4,7}$/, 'must be a billing code such as 90853')
    .default('90853'),
  agreements: safeText(LIMITS.agreements, { multiline: true, allowEmpty: true, noun: 'Agreements' }).default(''),
  /** Members in seat order. */
  members: z.array(rosterEntrySchema).max(LIMITS.membersPerGroup).default([]),
  coFacilitatorId: idSchema.nullable().default(null),
  /** A 42 CFR Part 2 substance-use group. Absent: false on create, unchanged on update. */
  substanceUse: z.boolean().optional(),
  /** What to do in a crisis, shown while a crisis pause lasts. Absent: empty on create, unchanged on update. */
  safetySteps: safeText(LIMITS.agreements, { multiline: true, allowEmpty: true, noun: 'Safety steps' }).optional(),
  /** The "worth a look" thresholds (R29–R33). Absent: the defaults on create, unchanged on update. */
  trendSettings: trendSettingsInputSchema.optional(),
  /** The member-voice scale (docs/ratings.md). Absent: the default items on create, unchanged on update. */
  ratingItems: ratingItemsSchema.optional(),
});

const phaseMinutesShape = Object.fromEntries(
  PHASES.map((p) => [p, z.number().int().min(0).max(LIMITS.phaseMinutes).default(DEFAULT_PHASE_MINUTES[p])]),
) as { [P in (typeof PHASES)[number]]: z.ZodDefault<z.ZodNumber> };

export const planInputSchema = z.strictObject({
  phaseMinutes: z.strictObject(phaseMinutesShape).prefault({}),
  turnAllotmentSeconds: z.number().int().min(15).max(LIMITS.turnAllotmentSeconds).default(120),
  skill: safeText(LIMITS.skill, { noun: 'The skill' }).nullable().default(null),
  /** The skill's exercise timer (P48): a countdown, or a paced breathing cycle such as 4-4-4-4. */
  exercise: z
    .discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('countdown'), seconds: z.number().int().min(10).max(3600) }),
      z.strictObject({
        kind: z.literal('paced'),
        seconds: z.number().int().min(10).max(3600),
        pattern: z
          .array(z.number().int().min(0).max(20))
          .min(2)
          .max(4)
          .refine((p) => p.some((s) => s > 0), 'A breathing cycle needs a step longer than 0 s.'),
      }),
    ])
    .nullable()
    .default(null),
});

export const sessionInputSchema = z.strictObject({
  plan: planInputSchema.prefault({}),
  /** Absent: the group's co-facilitator. null: none. An id: that account (the group's lead only). */
  coFacilitatorId: idSchema.nullable().optional(),
});

/** A lead gives an account read-only access to the group's reviews. */
export const reviewerGrantSchema = z.strictObject({ userId: idSchema });

export type FirstAccountInput = z.infer<typeof firstAccountSchema>;
export type GroupInput = z.input<typeof groupInputSchema>;
export type ParsedGroupInput = z.output<typeof groupInputSchema>;
export type SessionInputBody = z.input<typeof sessionInputSchema>;

/** Response shapes (the types inferred from them; docs/protocol.md §13). */

export const userSummarySchema = z.object({ id: z.string(), name: z.string(), email: z.string(), admin: z.boolean() });
export type UserSummary = z.infer<typeof userSummarySchema>;

export const groupRoleSchema = z.enum(['lead', 'co', 'reviewer']);

export const groupSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  focus: z.string().nullable(),
  billingCode: z.string(),
  agreements: z.string(),
  leadId: z.string(),
  coFacilitatorId: z.string().nullable(),
  substanceUse: z.boolean(),
  members: z.array(z.object({ id: z.string(), name: z.string(), seat: z.number() })),
  safetySteps: z.string(),
  trendSettings: trendSettingsSchema,
  ratingItems: z.array(z.object({ id: z.string(), label: z.string() })),
  /** A reviewer reads the group's reviews and exports; only lead and co run its sessions. */
  myRole: groupRoleSchema,
});
export type GroupSummary = z.infer<typeof groupSummarySchema>;

export const sessionSummarySchema = z.object({
  id: z.string(),
  groupId: z.string(),
  status: z.enum(['lobby', 'live', 'paused', 'ended']),
  leadId: z.string(),
  coFacilitatorId: z.string().nullable(),
  /** ISO 8601. */
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  version: z.number(),
});
export type SessionSummary = z.infer<typeof sessionSummarySchema>;

/** REST error body: the same codes as socket acks (R1). */
export const apiErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type ApiError = z.infer<typeof apiErrorSchema>;
