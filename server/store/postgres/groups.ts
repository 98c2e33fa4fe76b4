import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { Instant } from '../../../shared/time.js';
import { optionalColumns, toGroup, type GroupRecord } from '../group-rows.js';
import type { GroupStore, GroupWrite, MemberRow } from '../types.js';
import { inTransaction, type Queryable } from './transaction.js';

/** Group columns as ../group-rows.ts reads them: the flag as 0/1 and the time as a number, as SQLite has them. */
const GROUP_COLUMNS = `id, name, focus, billing_code, agreements, lead_id, co_id, created_at::float8 AS created_at,
  substance_use::int AS substance_use, safety_steps, trend_settings, rating_items`;
const MEMBER_COLUMNS = 'id, group_id AS "groupId", name, seat';

/**
 * Groups and their rosters over PostgreSQL, with the contract of SQLite's (../sqlite/groups.ts;
 * test/store/groups-contract.test.ts holds both to it). A group and its roster are written in one
 * transaction; a roster naming a member erased meanwhile is refused whole by the table's trigger
 * (./migrations.ts step 3, docs/privacy.md D11).
 */
export function postgresGroups(pool: pg.Pool): GroupStore {
  const get = async (q: Queryable, id: string) => {
    const { rows } = await q.query<GroupRecord>(`SELECT ${GROUP_COLUMNS} FROM groups WHERE id = $1`, [id]);
    return rows[0] ? toGroup(rows[0]) : null;
  };

  return {
    create: (id: string, leadId: string, input: GroupWrite, at: Instant) =>
      inTransaction(pool, async (client) => {
        await client.query(
          `INSERT INTO groups (id, name, focus, billing_code, agreements, co_id, substance_use, safety_steps, trend_settings,
             rating_items, lead_id, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, coalesce($7, false), coalesce($8, ''), $9, $10, $11, $12)`,
          [id, ...written(input), leadId, at],
        );
        await writeRoster(client, id, input.members);
        return (await get(client, id))!;
      }),
    update: (id: string, input: GroupWrite) =>
      inTransaction(pool, async (client) => {
        await client.query(
          `UPDATE groups SET name = $2, focus = $3, billing_code = $4, agreements = $5, co_id = $6,
             substance_use = coalesce($7, substance_use), safety_steps = coalesce($8, safety_steps),
             trend_settings = coalesce($9, trend_settings), rating_items = coalesce($10, rating_items)
           WHERE id = $1`,
          [id, ...written(input)],
        );
        await writeRoster(client, id, input.members);
        return (await get(client, id))!;
      }),
    get: (id) => get(pool, id),
    // SQLite's `COLLATE NOCASE`: ASCII letters folded (lower() under "C" folds only those), then by code point.
    listFor: async (userId) =>
      (
        await pool.query<GroupRecord>(
          `SELECT ${GROUP_COLUMNS} FROM groups WHERE lead_id = $1 OR co_id = $1 ORDER BY lower(name COLLATE "C"), id`,
          [userId],
        )
      ).rows.map(toGroup),
    members: async (groupId) =>
      (
        await pool.query<MemberRow>(`SELECT ${MEMBER_COLUMNS} FROM group_members WHERE group_id = $1 AND seat IS NOT NULL ORDER BY seat`, [
          groupId,
        ])
      ).rows,
    membersById: async (ids) => {
      if (ids.length === 0) return [];
      return (await pool.query<MemberRow>(`SELECT ${MEMBER_COLUMNS} FROM group_members WHERE id = ANY($1)`, [ids])).rows;
    },
  };
}

/** What both writes bind, as $2…$10: the columns a lead edits, the optional ones null where omitted. */
function written(input: GroupWrite) {
  const { substanceUse, safetySteps, trendSettings, ratingItems } = optionalColumns(input);
  return [
    input.name,
    input.focus,
    input.billingCode,
    input.agreements,
    input.coFacilitatorId,
    substanceUse,
    safetySteps,
    trendSettings,
    ratingItems,
  ];
}

/**
 * Rewrites the roster in seat order, as SQLite's does: everyone is unseated, then each entry seats
 * its member (an id of another group's member, or none, makes a new one). Members left out keep
 * their row: old sessions name them.
 */
async function writeRoster(client: pg.PoolClient, groupId: string, members: GroupWrite['members']) {
  // Rows already off the roster are left alone: the outcome is SQLite's, without rewriting every past member.
  await client.query('UPDATE group_members SET seat = NULL WHERE group_id = $1 AND seat IS NOT NULL', [groupId]);
  for (const [seat, member] of members.entries()) {
    const updated = member.id
      ? (
          await client.query('UPDATE group_members SET name = $1, seat = $2 WHERE id = $3 AND group_id = $4', [
            member.name,
            seat,
            member.id,
            groupId,
          ])
        ).rowCount
      : 0;
    if (updated === 0)
      await client.query('INSERT INTO group_members (id, group_id, name, seat) VALUES ($1, $2, $3, $4)', [
        randomUUID(),
        groupId,
        member.name,
        seat,
      ]);
  }
}
