import { z } from 'zod';
import { PHASES, DEFAULT_PHASE_MINUTES } from '../phases.js';
import { idSchema, LIMITS, memberNameSchema } from './common.js';
import { nameText, safeText } from './text.js';

/** Request bodies of the REST API (docs/protocol.md §REST). Unknown keys are rejected. */

export const accountSchema = z.strictObject({
  name: nameText(LIMITS.personName),
  email: z.email().max(LIMITS.email),
  password: z.string().min(LIMITS.password.min).max(LIMITS.password.max),
});
export const newAccountSchema = accountSchema.extend({ admin: z.boolean().default(false) });

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
});

const phaseMinutesShape = Object.fromEntries(
  PHASES.map((p) => [p, z.number().int().min(0).max(LIMITS.phaseMinutes).default(DEFAULT_PHASE_MINUTES[p])]),
) as { [P in (typeof PHASES)[number]]: z.ZodDefault<z.ZodNumber> };

export const planInputSchema = z.strictObject({
  phaseMinutes: z.strictObject(phaseMinutesShape).prefault({}),
  turnAllotmentSeconds: z.number().int().min(15).max(LIMITS.turnAllotmentSeconds).default(120),
  skill: safeText(LIMITS.skill, { noun: 'The skill' }).nullable().default(null),
});

export const sessionInputSchema = z.strictObject({
  plan: planInputSchema.prefault({}),
  /** Absent: the group's co-facilitator. null: none. An id: that account (the group's lead only). */
  coFacilitatorId: idSchema.nullable().optional(),
});

/** A lead gives an account read-only access to the group's reviews. */
export const reviewerGrantSchema = z.strictObject({ userId: idSchema });

export type AccountInput = z.infer<typeof accountSchema>;
export type GroupInput = z.input<typeof groupInputSchema>;
export type ParsedGroupInput = z.output<typeof groupInputSchema>;
export type SessionInputBody = z.input<typeof sessionInputSchema>;

/** Response shapes. */
export interface UserSummary {
  id: string;
  name: string;
  email: string;
  admin: boolean;
}

export interface GroupSummary {
  id: string;
  name: string;
  focus: string | null;
  billingCode: string;
  agreements: string;
  leadId: string;
  coFacilitatorId: string | null;
  substanceUse: boolean;
  members: { id: string; name: string; seat: number }[];
  safetySteps: string;
  /** A reviewer reads the group's reviews and exports; only lead and co run its sessions. */
  myRole: 'lead' | 'co' | 'reviewer';
}

export interface SessionSummary {
  id: string;
  groupId: string;
  status: 'lobby' | 'live' | 'paused' | 'ended';
  leadId: string;
  coFacilitatorId: string | null;
  createdAt: string;
  startedAt: string | null;
  endedAt: string | null;
  version: number;
}

/** REST error body: the same codes as socket acks. */
export interface ApiError {
  code: string;
  message: string;
  issues?: { path: string; message: string }[];
}
