import { z } from 'zod';

/**
 * A group's thresholds for its "worth a look" list (docs/review.md §Across sessions, R29–R33):
 * group settings the lead edits on the group form. Every field has a default, so a group that
 * never set them (or an old client that omits them) reads the defaults.
 */
export const trendSettingsSchema = z.strictObject({
  /** How many of the latest ended sessions the list and the charts look at. */
  window: z.number().int().min(3).max(26).default(10),
  /** R29: attended without speaking this many sessions running. */
  silentRun: z.number().int().min(2).max(10).default(3),
  /** R30: late in `lateCount` of the last `lateOf` sessions. */
  lateCount: z.number().int().min(1).max(10).default(3),
  lateOf: z.number().int().min(2).max(10).default(5),
  /** R31: a talk share above this per cent in a session. */
  talkSharePercent: z.number().int().min(10).max(90).default(30),
  /** R32: attended fewer than this per cent of the sessions seated for. */
  attendancePercent: z.number().int().min(0).max(100).default(60),
  /** R32: flagged (a flag about them) in this many sessions of the window. */
  flaggedSessions: z.number().int().min(1).max(10).default(2),
  /** R33: a session's active time off its plan by more than this per cent. */
  planOffPercent: z.number().int().min(5).max(100).default(20),
  /** Member voice (docs/ratings.md): a member's overall rating fell by this many points or more. */
  ratingDrop: z.number().int().min(1).max(10).default(3),
  /** Member voice: an item rated below this… */
  ratingLow: z.number().int().min(1).max(10).default(5),
  /** …this many rated sessions running. */
  ratingLowRun: z.number().int().min(1).max(10).default(2),
});
// A late count above its window could never match: refused, not silently never true.
export const trendSettingsInputSchema = trendSettingsSchema.refine((s) => s.lateCount <= s.lateOf, {
  message: 'Late sessions cannot be more than the sessions they are counted in.',
  path: ['lateCount'],
});

export type TrendSettings = z.output<typeof trendSettingsSchema>;
export const DEFAULT_TREND_SETTINGS: TrendSettings = trendSettingsSchema.parse({});
