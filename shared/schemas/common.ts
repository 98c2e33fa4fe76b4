import { z } from 'zod';
import { PHASES } from '../phases.js';
import { nameText, safeText } from './text.js';

/** Length caps for everything a person types (BRIEF: store the minimum). */
export const LIMITS = {
  memberName: 40,
  groupName: 80,
  groupFocus: 200,
  agreements: 4000,
  note: 2000,
  flagText: 280,
  signalText: 80,
  skill: 120,
  personName: 80,
  email: 254,
  password: { min: 10, max: 128 },
  membersPerGroup: 16,
  phaseMinutes: 240,
  turnAllotmentSeconds: 1800,
} as const;

/** Server-made identifiers: short, URL-safe. */
export const idSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'must be an id');
export const phaseSchema = z.enum(PHASES);

/** Multi-line text a person types (notes, flag text, addenda): the shared rule of ./text.ts. */
export function textSchema(max: number) {
  return safeText(max, { multiline: true });
}

export const memberNameSchema = nameText(LIMITS.memberName);
