import type { Scores } from '../../shared/schemas/rating-scale.js';
import { DEFAULT_RATING_ITEMS } from '../../shared/schemas/rating-scale.js';
import type { ManualClock } from './clock.js';
import type { TestServer } from './server.js';

/** The four default items scored at once: belonging, mattered, approach, overall (docs/ratings.md). */
export const fourScores = (belonging: number, mattered: number, approach: number, overall: number): Scores => ({
  belonging,
  mattered,
  approach,
  overall,
});

/**
 * Members' ratings saved through the server's own rating store, as the members' pages save them:
 * `collect` fixes the default items for a session, `rate` saves (or replaces) a member's rating.
 */
export function rater(server: TestServer, clock: ManualClock, member: Readonly<Record<string, string>>) {
  const { ratings } = server.app.store;
  return {
    collect: (sessionId: string) => ratings.fixItems(sessionId, DEFAULT_RATING_ITEMS),
    rate: (sessionId: string, name: string, scores: Scores, comment = '') =>
      // Unaudited, as seeding: the members' pages' own audit is tested through them.
      ratings.save({ sessionId, memberId: member[name]!, scores, comment, submittedAt: clock.now(), via: 'phone' }, () => null),
  };
}
