import { randomUUID } from 'node:crypto';
import type { Instant } from '../../../shared/time.js';
import { optionalColumns, toGroup, type GroupRecord } from '../group-rows.js';
import type { GroupStore, GroupWrite, MemberRow } from '../types.js';
import type { Db } from './open.js';
import type { Synced } from './promised.js';

/** SQLite binds no booleans. */
const bindable = (input: GroupWrite) => {
  const columns = optionalColumns(input);
  return { ...columns, substanceUse: columns.substanceUse === null ? null : Number(columns.substanceUse) };
};

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
      insert.run({ ...input, id, leadId, createdAt: at, ...bindable(input) });
      writeRoster(id, input.members);
      return get(id)!;
    }),
    update: db.transaction((id: string, input: GroupWrite) => {
      change.run({ ...input, id, ...bindable(input) });
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
