import { z } from 'zod';
import { PHASES } from '../phases.js';

/** Length caps for everything a person types (BRIEF: store the minimum). */
export const LIMITS = {
  memberName: 40,
  groupName: 80,
  groupFocus: 200,
  agreements: 4000,
  note: 2000,
  flagText: 280,
  skill: 120,
  personName: 80,
  email: 254,
  password: { min: 10, max: 128 },
  membersPerGroup: 16,
  phaseMinutes: 240,
  turnAllotmentSeconds: 1800,
} as const;

/** Server-made identifiers: short, URL-safe. */
export const idSchema = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'must be an id');
export const phaseSchema = z.enum(PHASES);

/** Trimmed text with no control characters, capped at `max`. */
export function textSchema(max: number) {
  return z
    .string()
    .trim()
    .min(1)
    .max(max)
    // Control characters (other than tab and newline) have no place in a name or a note.
    // eslint-disable-next-line no-control-regex -- matching them is the point
    .refine((s) => !/[\u0000-\u0008\u000B-\u001F\u007F]/.test(s), 'must not contain control characters');
}

export const memberNameSchema = textSchema(LIMITS.memberName);
