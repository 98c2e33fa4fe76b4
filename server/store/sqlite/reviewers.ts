import { instant } from '../../../shared/time.js';
import type { ReviewerRow, ReviewerStore } from '../types.js';
import type { Db } from './open.js';
import type { Synced } from './promised.js';

/** Supervisors a group's lead has given read-only access to the group's reviews. */
export function sqliteReviewers(db: Db): Synced<ReviewerStore> {
  const insert = db.prepare('INSERT OR IGNORE INTO group_reviewers (group_id, user_id, granted_by, granted_at) VALUES (?, ?, ?, ?)');
  const remove = db.prepare('DELETE FROM group_reviewers WHERE group_id = ? AND user_id = ?');
  const ofGroup = db.prepare<[string], { user_id: string; granted_by: string; granted_at: number }>(
    'SELECT user_id, granted_by, granted_at FROM group_reviewers WHERE group_id = ? ORDER BY granted_at',
  );
  const one = db.prepare<[string, string], { n: number }>('SELECT count(*) AS n FROM group_reviewers WHERE group_id = ? AND user_id = ?');
  const groupsOf = db.prepare<[string], { group_id: string }>('SELECT group_id FROM group_reviewers WHERE user_id = ? ORDER BY group_id');
  return {
    grant: (groupId, userId, grantedBy, at) => insert.run(groupId, userId, grantedBy, at).changes === 1,
    revoke: (groupId, userId) => remove.run(groupId, userId).changes === 1,
    list: (groupId): ReviewerRow[] =>
      ofGroup.all(groupId).map((r) => ({ groupId, userId: r.user_id, grantedBy: r.granted_by, grantedAt: instant(r.granted_at) })),
    isReviewer: (groupId, userId) => one.get(groupId, userId)!.n > 0,
    groupsOf: (userId) => groupsOf.all(userId).map((r) => r.group_id),
  };
}
