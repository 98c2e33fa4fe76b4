import { Router } from 'express';
import { trendInputOf, trendsOf, type TrendInput, type TrendRatings } from '../../../shared/review/trends.js';
import { worthALook } from '../../../shared/review/worth-a-look.js';
import { contract } from '../../../shared/rest/contract.js';
import type { Clock } from '../../clock.js';
import { READERS } from '../../access/policy.js';
import { reachRecord, refused } from '../../access/reach.js';
import { loadNames } from '../../live/names.js';
import { part2Notice } from '../../privacy/part2.js';
import type { SessionRow, Store } from '../../store/types.js';
import { contractRoutes } from '../contract.js';
import { groupFor } from '../reach.js';
import { currentUser } from '../require-user.js';
import { reviewOf } from '../review-cache.js';

/**
 * `GET /api/groups/:groupId/trends` (docs/review.md §Across sessions, R29–R33, R36–R38, D32): the
 * group's latest ended sessions as series (members' ratings included) and the "worth a look" lines
 * over them, with its thresholds.
 * Clinician-only: the group's facilitators and reviewers (404 to anyone else, R3), and of its
 * sessions only those the caller may read the review of, by the review's own rule.
 */
export function trendRoutes(store: Store, clock: Clock): Router {
  const router = Router();
  const on = contractRoutes(router, '/api');
  // An ended session's figures never change (its log is closed), so each group keeps those of its
  // window's sessions, by version; each request keeps only the sessions it used, so a purged or
  // older session leaves memory with the next read. Ten long sessions cost ~0.6 s to compute.
  const kept = new Map<string, Map<string, { version: number; input: TrendInput }>>();
  const inputOf = (row: SessionRow, previous: Map<string, { version: number; input: TrendInput }> | undefined, now: number) => {
    const hit = previous?.get(row.id);
    if (hit && hit.version === row.version) return hit;
    return { version: row.version, input: trendInputOf(reviewOf(row, loadNames(store, row), store.sessions.log(row.id), now)) };
  };

  on(contract.getGroupTrends, ({ params }, req, res) => {
    const me = currentUser(req);
    const group = groupFor(store, params.groupId, me.id, READERS);
    const settings = group.trendSettings;
    const now = clock.now();
    // Only the window's sessions have their figures computed: the oldest ones never matter here.
    const rows = store.sessions
      .listForGroup(group.id)
      .filter((row) => row.status === 'ended' && row.startedAt !== null && !refused(reachRecord(store, row, me.id, 'review')))
      .sort((a, b) => a.startedAt! - b.startedAt!)
      .slice(-settings.window);
    const previous = kept.get(group.id);
    const entries = new Map(rows.map((row) => [row.id, inputOf(row, previous, now)]));
    kept.set(group.id, entries);
    // Ratings are read afresh: one may come in up to 30 minutes after the end, with no new version.
    const ratings = ratingsOf(store, rows);
    const reviews = [...entries.values()].map((e) => ({ ...e.input, ratings: ratings.get(e.input.sessionId) ?? null }));
    const roster = store.groups.members(group.id).map(({ id, name, seat }) => ({ id, name, seat }));
    const trends = trendsOf(reviews, roster, settings.window);
    res.set('Cache-Control', 'no-store');
    return { groupId: group.id, settings, trends, lines: worthALook(trends, settings), notice: part2Notice(group) };
  });

  return router;
}

/** The sessions' ratings in two reads: the items each asked, and every rating of them at once. */
function ratingsOf(store: Store, rows: readonly SessionRow[]): Map<string, TrendRatings> {
  const out = new Map<string, { items: TrendRatings['items']; scores: Record<string, TrendRatings['scores'][string]> }>();
  for (const row of rows) {
    const items = store.ratings.items(row.id);
    if (items) out.set(row.id, { items, scores: {} });
  }
  for (const r of store.ratings.forSessions([...out.keys()])) {
    const session = out.get(r.sessionId);
    if (session) session.scores[r.memberId] = r.scores;
  }
  return out;
}
