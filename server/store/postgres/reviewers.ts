import type pg from 'pg';
import { instant } from '../../../shared/time.js';
import type { ReviewerStore } from '../types.js';

/**
 * Supervisors a group's lead has given read-only access to the group's reviews, over PostgreSQL
 * with the contract of SQLite's (../sqlite/reviewers.ts).
 */
export function postgresReviewers(pool: pg.Pool): ReviewerStore {
  return {
    grant: async (groupId, userId, grantedBy, at) =>
      (
        await pool.query(
          'INSERT INTO group_reviewers (group_id, user_id, granted_by, granted_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
          [groupId, userId, grantedBy, at],
        )
      ).rowCount === 1,
    revoke: async (groupId, userId) =>
      (await pool.query('DELETE FROM group_reviewers WHERE group_id = $1 AND user_id = $2', [groupId, userId])).rowCount === 1,
    list: async (groupId) =>
      (
        await pool.query<{ user_id: string; granted_by: string; granted_at: number }>(
          'SELECT user_id, granted_by, granted_at::float8 AS granted_at FROM group_reviewers WHERE group_id = $1 ORDER BY granted_at',
          [groupId],
        )
      ).rows.map((r) => ({ groupId, userId: r.user_id, grantedBy: r.granted_by, grantedAt: instant(r.granted_at) })),
    isReviewer: async (groupId, userId) =>
      (await pool.query('SELECT 1 FROM group_reviewers WHERE group_id = $1 AND user_id = $2', [groupId, userId])).rowCount === 1,
    groupsOf: async (userId) =>
      (
        await pool.query<{ group_id: string }>('SELECT group_id FROM group_reviewers WHERE user_id = $1 ORDER BY group_id', [userId])
      ).rows.map((r) => r.group_id),
  };
}
