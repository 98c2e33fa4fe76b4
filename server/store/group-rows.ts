import { instant } from '../../shared/time.js';
import { trendSettingsSchema } from '../../shared/schemas/trends.js';
import { DEFAULT_RATING_ITEMS, ratingItemsSchema } from '../../shared/schemas/rating-scale.js';
import type { GroupRow, GroupWrite } from './types.js';

/**
 * Group rows as both stores select them (SQLite's ./sqlite/, PostgreSQL's ./postgres/, which
 * casts its flag to 0/1 and its times to numbers so its rows read the same).
 */
export interface GroupRecord {
  id: string;
  name: string;
  focus: string | null;
  billing_code: string;
  agreements: string;
  lead_id: string;
  co_id: string | null;
  created_at: number;
  substance_use: number;
  safety_steps: string;
  trend_settings: string | null;
  rating_items: string | null;
}

export const toGroup = (r: GroupRecord): GroupRow => ({
  id: r.id,
  name: r.name,
  focus: r.focus,
  billingCode: r.billing_code,
  agreements: r.agreements,
  leadId: r.lead_id,
  coFacilitatorId: r.co_id,
  createdAt: instant(r.created_at),
  substanceUse: r.substance_use === 1,
  safetySteps: r.safety_steps,
  // Parsed again, so a threshold added later reads its default on a group saved before it.
  trendSettings: trendSettingsSchema.parse(r.trend_settings === null ? {} : JSON.parse(r.trend_settings)),
  ratingItems: r.rating_items === null ? [...DEFAULT_RATING_ITEMS] : ratingItemsSchema.parse(JSON.parse(r.rating_items)),
});

/**
 * A write's optional columns as both stores bind them. Null leaves the stored value as it is (an
 * update that omits it, so an old client never clears it); a new group takes the column's default.
 */
export const optionalColumns = (input: GroupWrite) => ({
  substanceUse: input.substanceUse ?? null,
  safetySteps: input.safetySteps ?? null,
  trendSettings: input.trendSettings === undefined ? null : JSON.stringify(input.trendSettings),
  ratingItems: input.ratingItems === undefined ? null : JSON.stringify(input.ratingItems),
});

/** What an erased member's name becomes, in either engine's SQL: still told apart from other erased members (D11). */
export const TOMBSTONE = `'Erased ' || substr(id, 1, 6)`;
