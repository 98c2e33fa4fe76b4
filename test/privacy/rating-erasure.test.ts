import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instant } from '../../shared/time.js';
import { inDatabaseFiles } from '../support/database-files.js';
import { clinic, makeGroup, type Clinic } from './support.js';

/** Member voice and erasure (docs/privacy.md D33): a member's ratings go with the erasure, everywhere. */
let c: Clinic;
beforeAll(async () => {
  c = await clinic();
});
afterAll(() => c?.close());

const ITEMS = ['belonging', 'mattered', 'approach', 'overall'];

/** Who rates which session: for each of up to three sessions, a score and comment per rating member. */
const history = fc.record({
  members: fc.integer({ min: 2, max: 5 }),
  sessions: fc.array(
    fc.array(fc.record({ rater: fc.nat(4), score: fc.integer({ min: 0, max: 10 }), comment: fc.boolean(), twice: fc.boolean() }), {
      maxLength: 6,
    }),
    { minLength: 1, maxLength: 3 },
  ),
  erase: fc.nat(4),
});

describe('erasure and ratings', () => {
  it('[D33] erasing a member deletes every rating they gave, comments and all, in every session, and nobody else’s (property)', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(history, async ({ members, sessions, erase }) => {
        run++;
        const names = Array.from({ length: members }, (_, i) => `M${run}x${i}`);
        const { groupId, member } = await makeGroup(c, names);
        const ids = names.map((n) => member[n]!);
        const sessionIds: string[] = [];
        for (const ratings of sessions) {
          const planned = await c.lead.post(`/api/groups/${groupId}/sessions`, {});
          const sessionId = planned.body.session.id as string;
          sessionIds.push(sessionId);
          for (const { rater, score, comment, twice } of ratings) {
            const memberId = ids[rater % members]!;
            const rating = {
              sessionId,
              memberId,
              scores: Object.fromEntries(ITEMS.map((i) => [i, score])),
              comment: comment ? `words of ${memberId} in ${sessionId}` : '',
              submittedAt: instant(Date.now()),
              via: 'phone' as const,
            };
            // Unaudited, as seeding: erasure is what is tested here.
            await c.server.app.store.ratings.save(rating, () => null);
            if (twice)
              await c.server.app.store.ratings.save({ ...rating, comment: rating.comment && `${rating.comment} again` }, () => null);
          }
        }
        const store = c.server.app.store.ratings;
        const before = await store.forSessions(sessionIds);
        const erased = ids[erase % members]!;

        const answer = await c.lead.post(`/api/groups/${groupId}/members/${erased}/erase`, {});
        expect(answer.status).toBe(200);

        const after = await store.forSessions(sessionIds);
        expect(after.some((r) => r.memberId === erased)).toBe(false);
        expect(after).toEqual(before.filter((r) => r.memberId !== erased));
        for (const sessionId of sessionIds) {
          expect(await store.count(sessionId)).toBe(new Set(after.filter((r) => r.sessionId === sessionId).map((r) => r.memberId)).size);
        }
        // Nor in the file: freed pages are zeroed and the write-ahead log checkpointed (D10).
        for (const r of before.filter((r) => r.memberId === erased && r.comment !== ''))
          expect(inDatabaseFiles(c.server.dataDir, r.comment)).toBe(false);
      }),
      { numRuns: 12, seed: 20261207 },
    );
  });
});
