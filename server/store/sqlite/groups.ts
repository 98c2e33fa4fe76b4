import { randomUUID } from 'node:crypto';
import { instant, type Instant } from '../../../shared/time.js';
import { trendSettingsSchema } from '../../../shared/schemas/trends.js';
import { DEFAULT_RATING_ITEMS, ratingItemsSchema } from '../../../shared/schemas/rating-scale.js';
import type { GroupRow, GroupStore, GroupWrite, MemberRow } from '../types.js';
import type { Db } from './open.js';
import type { Synced } from './promised.js';

interface GroupRecord {
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

const toGroup = (r: GroupRecord): GroupRow => ({
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

/** Null leaves the stored thresholds as they are (an update that omits them). */
const trends = (input: GroupWrite) => (input.trendSettings === undefined ? null : JSON.stringify(input.trendSettings));
/** Null leaves the stored scale as it is (an update that omits it); a new group without one asks the defaults. */
const scale = (input: GroupWrite) => (input.ratingItems === undefined ? null : JSON.stringify(input.ratingItems));

/** SQLite binds no booleans; null leaves the stored flag as it is (an update that omits it). */
const part2 = (input: GroupWrite) => (input.substanceUse === undefined ? null : Number(input.substanceUse));

export function sqliteGroups(db: Db): Synced<GroupStore> {
  const insert = db.prepare(
    `INSERT INTO groups (id, name, focus, billing_code, agreements, lead_id, co_id, created_at, substance_use, safety_steps,
       trend_settings, rating_items)
     VALUES (@id, @name, @focus, @billingCode, @agreements, @leadId, @coFacilitatorId, @createdAt, coalesce(@substanceUse, 0),
       coalesce(@safetySteps, ''), @trendSettings, @ratingItems)`,
  );
  const change = db.prepare(
    `UPDATE groups SET name = @name, focus = @focus, billing_code = @billingCode, agreements = @agreements,
     co_id = @coFacilitatorId, substance_use = coalesce(@substanceUse, substance_use),
     safety_steps = coalesce(@safetySteps, safety_steps), trend_settings = coalesce(@trendSettings, trend_settings),
     rating_items = coalesce(@ratingItems, rating_items) WHERE id = @id`,
  );
  const byId = db.prepare<[string], GroupRecord>('SELECT * FROM groups WHERE id = ?');
  const forUser = db.prepare<[string, string], GroupRecord>(
    'SELECT * FROM groups WHERE lead_id = ? OR co_id = ? ORDER BY name COLLATE NOCASE',
  );
  const roster = db.prepare<[string], MemberRow>(
    'SELECT id, group_id AS groupId, name, seat FROM group_members WHERE group_id = ? AND seat IS NOT NULL ORDER BY seat',
  );
  const unseat = db.prepare('UPDATE group_members SET seat = NULL WHERE group_id = ?');
  const seatExisting = db.prepare('UPDATE group_members SET name = ?, seat = ? WHERE id = ? AND group_id = ?');
  const addMember = db.prepare('INSERT INTO group_members (id, group_id, name, seat) VALUES (?, ?, ?, ?)');

  /** Rewrites the roster in seat order; members left out keep their row (old sessions name them). */
  const writeRoster = (groupId: string, members: GroupWrite['members']) => {
    unseat.run(groupId);
    members.forEach((m, seat) => {
      const updated = m.id ? seatExisting.run(m.name, seat, m.id, groupId).changes : 0;
      if (updated === 0) addMember.run(randomUUID(), groupId, m.name, seat);
    });
  };

  const get = (id: string) => {
    const r = byId.get(id);
    return r ? toGroup(r) : null;
  };

  return {
    create: db.transaction((id: string, leadId: string, input: GroupWrite, at: Instant) => {
      insert.run({
        ...input,
        id,
        leadId,
        createdAt: at,
        substanceUse: part2(input),
        safetySteps: input.safetySteps ?? null,
        trendSettings: trends(input),
        ratingItems: scale(input),
      });
      writeRoster(id, input.members);
      return get(id)!;
    }),
    update: db.transaction((id: string, input: GroupWrite) => {
      change.run({
        ...input,
        id,
        substanceUse: part2(input),
        safetySteps: input.safetySteps ?? null,
        trendSettings: trends(input),
        ratingItems: scale(input),
      });
      writeRoster(id, input.members);
      return get(id)!;
    }),
    get,
    listFor: (userId) => forUser.all(userId, userId).map(toGroup),
    members: (groupId) => roster.all(groupId),
    membersById: (ids) => {
      if (ids.length === 0) return [];
      const marks = ids.map(() => '?').join(',');
      return db
        .prepare<string[], MemberRow>(`SELECT id, group_id AS groupId, name, seat FROM group_members WHERE id IN (${marks})`)
        .all(...ids);
    },
  };
}
