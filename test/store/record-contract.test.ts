import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NoteFields } from '../../shared/review/progress-notes.js';
import { instant } from '../../shared/time.js';
import type { ProgressNoteVersionRow, ReviewLockRow, ReviewSignatureRow } from '../../server/store/types.js';
import { REVIEW_ENGINES, type ReviewEngine } from './review-engines.js';

/**
 * One contract, two engines: the review's sign and lock, its addenda and reads, reviewers, and
 * progress notes, on SQLite (what Holdspace runs on) and PostgreSQL (the scale-out, issue 19).
 * Member voice is in ./rating-contract.test.ts; PostgreSQL's races held open by hand in
 * ./postgres-record-races.test.ts.
 */
const AT = 1_765_100_000_000;
const fields = (plan: string): NoteFields => ({
  presentation: 'Calm.',
  participation: 'Spoke twice.',
  interventions: '',
  response: '',
  plan,
});

const signature = (sessionId: string, userId: string, role: 'lead' | 'co', at: number): ReviewSignatureRow => ({
  sessionId,
  userId,
  role,
  signedAt: instant(at),
});
const lockAt = (sessionId: string, at: number): ReviewLockRow => ({
  sessionId,
  lockedAt: instant(at),
  logVersion: 7,
  logDigest: `digest-${at}`,
});
const version = (sessionId: string, memberId: string, n: number, plan = `plan ${n}`): ProgressNoteVersionRow => ({
  sessionId,
  memberId,
  version: n,
  fields: fields(plan),
  authorId: 'lead-1',
  savedAt: instant(AT + n),
});

describe.each(REVIEW_ENGINES)('the $name record stores', ({ open }) => {
  let engine: ReviewEngine;
  beforeAll(async () => {
    engine = await open();
  }, 120_000);
  afterAll(() => engine?.close());

  it('the first signature locks the review in the same write; a second by the same user is refused and changes nothing', async () => {
    const { id } = await engine.newSession('ended');
    expect(await engine.reviews.lock(id)).toBeNull();
    expect(await engine.reviews.sign(signature(id, 'lead-1', 'lead', AT), lockAt(id, AT))).toBe(true);
    expect(await engine.reviews.lock(id)).toEqual(lockAt(id, AT));
    expect(await engine.reviews.sign(signature(id, 'lead-1', 'lead', AT + 5), lockAt(id, AT + 5))).toBe(false);
    // The co-facilitator signs later: a signature of their own, the first lock kept.
    expect(await engine.reviews.sign(signature(id, 'co-1', 'co', AT + 10), lockAt(id, AT + 10))).toBe(true);
    expect(await engine.reviews.lock(id)).toEqual(lockAt(id, AT));
    expect(await engine.reviews.signatures(id)).toEqual([signature(id, 'lead-1', 'lead', AT), signature(id, 'co-1', 'co', AT + 10)]);
  });

  it("a review's addenda come back in the order written, ties on time included; other sessions' stay apart", async () => {
    const [one, other] = [await engine.newSession('ended'), await engine.newSession('ended')];
    const texts = ['First thought.', 'Second, same millisecond.', 'Third.'];
    for (const [i, text] of texts.entries())
      await engine.reviews.addAddendum({
        id: randomUUID(),
        sessionId: one.id,
        authorId: 'lead-1',
        at: instant(AT + (i === 2 ? 1 : 0)),
        text,
      });
    await engine.reviews.addAddendum({ id: randomUUID(), sessionId: other.id, authorId: 'co-1', at: instant(AT), text: 'Elsewhere.' });
    expect((await engine.reviews.addenda(one.id)).map((a) => [a.text, a.at, a.authorId])).toEqual(
      texts.map((text, i) => [text, AT + (i === 2 ? 1 : 0), 'lead-1']),
    );
    expect(await engine.reviews.addenda(other.id)).toHaveLength(1);
  });

  it('a read of a review is kept as the latest only: an older one arriving late does not move it back', async () => {
    const { id } = await engine.newSession('ended');
    expect(await engine.reviews.readAt(id, 'reviewer-1')).toBeNull();
    await engine.reviews.markRead(id, 'reviewer-1', instant(AT + 20));
    await engine.reviews.markRead(id, 'reviewer-1', instant(AT + 10));
    expect(await engine.reviews.readAt(id, 'reviewer-1')).toBe(AT + 20);
    await engine.reviews.markRead(id, 'reviewer-1', instant(AT + 30));
    expect(await engine.reviews.readAt(id, 'reviewer-1')).toBe(AT + 30);
    expect(await engine.reviews.readAt(id, 'reviewer-2')).toBeNull();
  });

  it('reviewers: a grant is once per group and account, listed in grant order, and a revoke ends it', async () => {
    const [group, otherGroup] = [await engine.newGroup(), await engine.newGroup()];
    expect(await engine.reviewers.grant(group, 'sup-2', 'lead-1', instant(AT + 2))).toBe(true);
    expect(await engine.reviewers.grant(group, 'sup-1', 'lead-1', instant(AT + 1))).toBe(true);
    expect(await engine.reviewers.grant(group, 'sup-1', 'lead-1', instant(AT + 3))).toBe(false);
    expect(await engine.reviewers.grant(otherGroup, 'sup-1', 'lead-2', instant(AT + 4))).toBe(true);
    expect(await engine.reviewers.list(group)).toEqual([
      { groupId: group, userId: 'sup-1', grantedBy: 'lead-1', grantedAt: AT + 1 },
      { groupId: group, userId: 'sup-2', grantedBy: 'lead-1', grantedAt: AT + 2 },
    ]);
    expect(await engine.reviewers.groupsOf('sup-1')).toEqual([group, otherGroup].sort());
    expect(await engine.reviewers.isReviewer(group, 'sup-2')).toBe(true);
    expect(await engine.reviewers.revoke(group, 'sup-2')).toBe(true);
    expect(await engine.reviewers.revoke(group, 'sup-2')).toBe(false);
    expect(await engine.reviewers.isReviewer(group, 'sup-2')).toBe(false);
    expect(await engine.reviewers.groupsOf('sup-2')).toEqual([]);
  });

  it('a note version is stored only on top of the newest: a stale or skipping save stores nothing and returns the newest', async () => {
    const { id } = await engine.newSession('ended');
    expect(await engine.progressNotes.save(version(id, 'member-a', 2))).toEqual({ saved: false, current: null });
    expect(await engine.progressNotes.save(version(id, 'member-a', 1))).toEqual({ saved: true });
    expect(await engine.progressNotes.save(version(id, 'member-a', 1, 'again'))).toEqual({
      saved: false,
      current: version(id, 'member-a', 1),
    });
    expect(await engine.progressNotes.save(version(id, 'member-a', 3))).toEqual({ saved: false, current: version(id, 'member-a', 1) });
    expect(await engine.progressNotes.save(version(id, 'member-a', 2))).toEqual({ saved: true });
    expect(await engine.progressNotes.save(version(id, 'member-b', 1))).toEqual({ saved: true });
    expect(await engine.progressNotes.latest(id)).toEqual([version(id, 'member-a', 2), version(id, 'member-b', 1)]);
  });

  it('saves made together from one version: exactly one wins per note, and every other is told the winner', async () => {
    const { id } = await engine.newSession('ended');
    const members = ['member-a', 'member-b', 'member-c'];
    for (const memberId of members) await engine.progressNotes.save(version(id, memberId, 1));
    // Five editors per note, all saving version 2 at once (PostgreSQL: on several connections).
    const saves = members.flatMap((memberId) => [1, 2, 3, 4, 5].map((k) => ({ memberId, row: version(id, memberId, 2, `editor ${k}`) })));
    const outcomes = await Promise.all(saves.map(({ row }) => engine.progressNotes.save(row)));
    const latest = await engine.progressNotes.latest(id);
    for (const memberId of members) {
      const mine = outcomes.filter((_, i) => saves[i]!.memberId === memberId);
      const winners = saves.filter((s, i) => s.memberId === memberId && outcomes[i]!.saved);
      expect(winners).toHaveLength(1);
      const stored = latest.find((v) => v.memberId === memberId);
      expect(stored).toEqual(winners[0]!.row);
      expect(mine.filter((o) => !o.saved)).toEqual(Array.from({ length: 4 }, () => ({ saved: false, current: stored })));
    }
  });

  it('a signed review takes no new note version, only addenda', async () => {
    const { id } = await engine.newSession('ended');
    await engine.progressNotes.save(version(id, 'member-a', 1));
    await engine.reviews.sign(signature(id, 'lead-1', 'lead', AT), lockAt(id, AT));
    await expect(engine.progressNotes.save(version(id, 'member-a', 2))).rejects.toThrow(/a signed note takes addenda only/);
    await expect(engine.progressNotes.save(version(id, 'member-b', 1))).rejects.toThrow(/a signed note takes addenda only/);
    const addendum = {
      id: randomUUID(),
      sessionId: id,
      memberId: 'member-a',
      authorId: 'lead-1',
      at: instant(AT + 9),
      text: 'Called back.',
    };
    await engine.progressNotes.addAddendum(addendum);
    expect(await engine.progressNotes.latest(id)).toEqual([version(id, 'member-a', 1)]);
    expect(await engine.progressNotes.addenda(id)).toEqual([addendum]);
  });

  it('signatures, locks, addenda and note versions refuse edits and deletes', async () => {
    const { id } = await engine.newSession('ended');
    await engine.progressNotes.save(version(id, 'member-a', 1));
    const addendum = { id: randomUUID(), sessionId: id, memberId: 'member-a', authorId: 'lead-1', at: instant(AT), text: 'Later.' };
    await engine.progressNotes.addAddendum(addendum);
    await engine.reviews.addAddendum({ ...addendum, id: randomUUID() });
    await engine.reviews.sign(signature(id, 'lead-1', 'lead', AT), lockAt(id, AT));
    const refusals: [string, RegExp][] = [
      ["UPDATE review_locks SET log_digest = 'forged' WHERE session_id = ?", /a signed review stays locked/],
      ['DELETE FROM review_locks WHERE session_id = ?', /a signed review stays locked/],
      ['UPDATE review_signatures SET signed_at = 0 WHERE session_id = ?', /signatures are permanent/],
      ['DELETE FROM review_signatures WHERE session_id = ?', /signatures are permanent/],
      ["UPDATE review_addenda SET text = 'forged' WHERE session_id = ?", /addenda are append-only/],
      ['DELETE FROM review_addenda WHERE session_id = ?', /addenda are append-only/],
      ["UPDATE progress_note_versions SET fields = '{}' WHERE session_id = ?", /note versions are append-only/],
      ['DELETE FROM progress_note_versions WHERE session_id = ?', /note versions are append-only/],
      ["UPDATE progress_note_addenda SET text = 'forged' WHERE session_id = ?", /addenda are append-only/],
      ['DELETE FROM progress_note_addenda WHERE session_id = ?', /addenda are append-only/],
    ];
    for (const [sql, refusal] of refusals) await expect(engine.exec([sql, [id]])).rejects.toThrow(refusal);
    expect(await engine.reviews.lock(id)).toEqual(lockAt(id, AT));
    expect(await engine.progressNotes.latest(id)).toEqual([version(id, 'member-a', 1)]);
  });

  it("the retention purge alone deletes a session's record: once the session is marked purged, in the same transaction", async () => {
    const [purged, kept] = [await engine.newSession('ended'), await engine.newSession('ended')];
    for (const { id } of [purged, kept]) {
      await engine.progressNotes.save(version(id, 'member-a', 1));
      await engine.progressNotes.addAddendum({
        id: randomUUID(),
        sessionId: id,
        memberId: 'member-a',
        authorId: 'lead-1',
        at: instant(AT),
        text: 'A',
      });
      await engine.reviews.addAddendum({ id: randomUUID(), sessionId: id, authorId: 'lead-1', at: instant(AT), text: 'B' });
      await engine.reviews.sign(signature(id, 'lead-1', 'lead', AT), lockAt(id, AT));
    }
    const tables = ['review_locks', 'review_signatures', 'review_addenda', 'progress_note_versions', 'progress_note_addenda'];
    const deletes = (sessionId: string) =>
      tables.map((table): [string, unknown[]] => [`DELETE FROM ${table} WHERE session_id = ?`, [sessionId]]);
    await engine.exec(['INSERT INTO session_purges (session_id, purged_at) VALUES (?, ?)', [purged.id, AT]], ...deletes(purged.id));
    expect(await engine.reviews.lock(purged.id)).toBeNull();
    expect(await engine.reviews.signatures(purged.id)).toEqual([]);
    expect(await engine.reviews.addenda(purged.id)).toEqual([]);
    expect(await engine.progressNotes.latest(purged.id)).toEqual([]);
    expect(await engine.progressNotes.addenda(purged.id)).toEqual([]);
    // The mark is per session: the other one's record still refuses.
    await expect(engine.exec(...deletes(kept.id))).rejects.toThrow(/a signed review stays locked/);
    expect(await engine.reviews.lock(kept.id)).not.toBeNull();
  });
});
