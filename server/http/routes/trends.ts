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
  const inputOf = async (row: SessionRow, previous: Map<string, { version: number; input: TrendInput }> | undefined, now: number) => {
    const hit = previous?.get(row.id);
    if (hit && hit.version === row.version) return hit;
    const [names, log] = await Promise.all([loadNames(store, row), store.sessions.log(row.id)]);
    return { version: row.version, input: trendInputOf(reviewOf(row, names, log, now)) };
  };
  const readable = async (row: SessionRow, userId: string) =>
    row.status === 'ended' && row.startedAt !== null && !refused(await reachRecord(store, row, userId, 'review'));

  on(contract.getGroupTrends, async ({ params }, req, res) => {
    const me = currentUser(req);
    const group = await groupFor(store, params.groupId, me.id, READERS);
    const settings = group.trendSettings;
    const now = clock.now();
    // Only the window's sessions have their figures computed: the oldest ones never matter here.
    const listed = await store.sessions.listForGroup(group.id);
    const readables = await Promise.all(listed.map((row) => readable(row, me.id)));
    const rows = listed
      .filter((_row, i) => readables[i])
      .sort((a, b) => a.startedAt! - b.startedAt!)
      .slice(-settings.window);
    const previous = kept.get(group.id);
    const entries = new Map(await Promise.all(rows.map(async (row) => [row.id, await inputOf(row, previous, now)] as const)));
    kept.set(group.id, entries);
    // Ratings are read afresh: one may come in up to 30 minutes after the end, with no new version.
    const ratings = await ratingsOf(store, rows);
    const reviews = [...entries.values()].map((e) => ({ ...e.input, ratings: ratings.get(e.input.sessionId) ?? null }));
    const roster = (await store.groups.members(group.id)).map(({ id, name, seat }) => ({ id, name, seat }));
    const trends = trendsOf(reviews, roster, settings.window);
    res.set('Cache-Control', 'no-store');
    return { groupId: group.id, settings, trends, lines: worthALook(trends, settings), notice: part2Notice(group) };
  });

  return router;
}

/** The sessions' ratings: the items each asked, then every rating of them in one read. */
async function ratingsOf(store: Store, rows: readonly SessionRow[]): Promise<Map<string, TrendRatings>> {
  const out = new Map<string, { items: TrendRatings['items']; scores: Record<string, TrendRatings['scores'][string]> }>();
  const asked = await Promise.all(rows.map((row) => store.ratings.items(row.id)));
  rows.forEach((row, i) => {
    const items = asked[i];
    if (items) out.set(row.id, { items, scores: {} });
  });
  for (const r of await store.ratings.forSessions([...out.keys()])) {
    const session = out.get(r.sessionId);
    if (session) session.scores[r.memberId] = r.scores;
  }
  return out;
}
