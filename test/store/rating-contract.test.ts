import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RATING_ITEMS, type RatingItem } from '../../shared/schemas/rating-scale.js';
import type { Rating } from '../../shared/schemas/ratings.js';
import { instant } from '../../shared/time.js';
import type { AuditWrite } from '../../server/store/types.js';
import { REVIEW_ENGINES, type ReviewEngine } from './review-engines.js';

/**
 * Member voice's store (docs/ratings.md) held to one contract on SQLite and PostgreSQL, with the
 * all-or-nothing of its audited writes (docs/privacy.md D4): when the audit entry cannot be
 * written, the change does not land either.
 */
const ASKED: RatingItem[] = [
  { id: 'belonging', label: 'I felt part of the group today' },
  { id: 'overall', label: "Overall, today's group was right for me" },
];

/** Each case writes its audit entries at times of its own, so it reads back only its own. */
let clock = 1_765_200_000_000;
const nextAt = () => instant((clock += 1000));

const rating = (sessionId: string, memberId: string, overall: number): Omit<Rating, 'submissions'> => ({
  sessionId,
  memberId,
  scores: { belonging: 7, overall },
  comment: overall > 5 ? 'Good today.' : '',
  submittedAt: nextAt(),
  via: 'phone',
});

describe.each(REVIEW_ENGINES)('the $name rating store', ({ open }) => {
  let engine: ReviewEngine;
  let facilitator: string;
  beforeAll(async () => {
    engine = await open();
    facilitator = await engine.newUser('Dana Facilitator');
  }, 120_000);
  afterAll(() => engine?.close());

  const entry = (action: string, subjectId: string, at = nextAt()): AuditWrite => ({
    at,
    actorId: facilitator,
    action,
    subjectType: 'session',
    subjectId,
    detail: { probe: action },
    address: '127.0.0.1',
  });
  const auditedAt = (at: number) => engine.audit.list(instant(at), instant(at + 1), 10);

  /** Runs `write` with every audit insert failing: it must fail as a whole. */
  const withAuditRefused = async (write: () => Promise<unknown>) => {
    const restore = await engine.refuseAudit();
    try {
      await expect(write()).rejects.toThrow();
    } finally {
      await restore();
    }
  };

  it('a session keeps the items it first asked: later calls get those back', async () => {
    const { id } = await engine.newSession();
    expect(await engine.ratings.items(id)).toBeNull();
    expect(await engine.ratings.fixItems(id, ASKED)).toEqual(ASKED);
    expect(await engine.ratings.fixItems(id, DEFAULT_RATING_ITEMS)).toEqual(ASKED);
    expect(await engine.ratings.items(id)).toEqual(ASKED);
  });

  it('a window opens with its items and its audit entry, closes once, and the newest is the one found', async () => {
    const { id } = await engine.newSession();
    const first = { id: randomUUID(), sessionId: id, openedBy: facilitator, openedAt: nextAt() };
    const opened = entry('ratings.open', id);
    expect(await engine.ratings.openWindow(first, ASKED, opened)).toBe(true);
    expect(await engine.ratings.items(id)).toEqual(ASKED);
    // A second open window for the session is refused by the database: nothing written, no entry.
    const twice = entry('ratings.open', id);
    expect(await engine.ratings.openWindow({ ...first, id: randomUUID(), openedAt: twice.at }, DEFAULT_RATING_ITEMS, twice)).toBe(false);
    expect(await auditedAt(twice.at)).toEqual([]);
    expect(await auditedAt(opened.at)).toEqual([expect.objectContaining({ ...opened, actorName: 'Dana Facilitator' })]);
    expect(await engine.ratings.latestWindow(id)).toEqual({ ...first, closedAt: null, closedBy: null });
    expect((await engine.ratings.openWindows()).map((w) => w.id)).toContain(first.id);

    const closedAt = nextAt();
    const closed = entry('ratings.close', id);
    expect(await engine.ratings.closeWindow(first.id, closedAt, facilitator, closed)).toBe(true);
    expect(await engine.ratings.closeWindow(first.id, nextAt(), 'someone-else', entry('ratings.close', id, instant(closedAt + 1)))).toBe(
      false,
    );
    expect(await auditedAt(closedAt + 1)).toEqual([]);
    expect(await auditedAt(closed.at)).toHaveLength(1);
    expect(await engine.ratings.latestWindow(id)).toEqual({ ...first, closedAt, closedBy: facilitator });
    expect((await engine.ratings.openWindows()).map((w) => w.id)).not.toContain(first.id);

    // Reopened in the same millisecond it was closed: the newer window is the latest, and a close
    // without an audit entry (the link ran out by itself) writes none.
    const second = { id: randomUUID(), sessionId: id, openedBy: facilitator, openedAt: closedAt };
    await engine.ratings.openWindow(second, DEFAULT_RATING_ITEMS, entry('ratings.open', id));
    expect(await engine.ratings.items(id)).toEqual(ASKED);
    expect((await engine.ratings.latestWindow(id))?.id).toBe(second.id);
    const expiredAt = nextAt();
    expect(await engine.ratings.closeWindow(second.id, expiredAt, 'system', null)).toBe(true);
    expect(await auditedAt(expiredAt)).toEqual([]);
  });

  it("a member's second rating replaces the first and counts the submissions; the audit entry is told which it was", async () => {
    const [one, other] = [await engine.newSession(), await engine.newSession()];
    const outcomes: string[] = [];
    const audit = (at: number) => (outcome: 'new' | 'replaced') => {
      outcomes.push(outcome);
      return entry(`rating.${outcome}`, one.id, instant(at));
    };
    const firstAt = nextAt();
    expect(await engine.ratings.save(rating(one.id, 'member-a', 4), audit(firstAt))).toBe('new');
    const replacement = rating(one.id, 'member-a', 9);
    const secondAt = nextAt();
    expect(await engine.ratings.save(replacement, audit(secondAt))).toBe('replaced');
    expect(outcomes).toEqual(['new', 'replaced']);
    expect((await auditedAt(secondAt)).map((e) => e.action)).toEqual(['rating.replaced']);
    const b = rating(one.id, 'member-b', 6);
    expect(await engine.ratings.save(b, () => null)).toBe('new');
    const elsewhere = rating(other.id, 'member-a', 2);
    await engine.ratings.save(elsewhere, () => null);

    expect(await engine.ratings.forSession(one.id)).toEqual([
      { ...replacement, submissions: 2 },
      { ...b, submissions: 1 },
    ]);
    expect(await engine.ratings.count(one.id)).toBe(2);
    expect(await engine.ratings.forSessions([one.id, other.id])).toEqual([
      { ...replacement, submissions: 2 },
      { ...b, submissions: 1 },
      { ...elsewhere, submissions: 1 },
    ]);
    expect(await engine.ratings.forSessions([])).toEqual([]);
  });

  it('an audited write whose audit entry cannot be written does not land: window, items, close and rating alike', async () => {
    const { id } = await engine.newSession();
    const window = { id: randomUUID(), sessionId: id, openedBy: facilitator, openedAt: nextAt() };
    await withAuditRefused(() => engine.ratings.openWindow(window, ASKED, entry('ratings.open', id)));
    expect(await engine.ratings.latestWindow(id)).toBeNull();
    expect(await engine.ratings.items(id)).toBeNull();

    await engine.ratings.openWindow(window, ASKED, entry('ratings.open', id));
    await withAuditRefused(() => engine.ratings.closeWindow(window.id, nextAt(), facilitator, entry('ratings.close', id)));
    expect(await engine.ratings.latestWindow(id)).toEqual({ ...window, closedAt: null, closedBy: null });

    const refusedAt = nextAt();
    await withAuditRefused(() => engine.ratings.save(rating(id, 'member-a', 3), () => entry('rating.new', id, refusedAt)));
    expect(await engine.ratings.forSession(id)).toEqual([]);
    const first = rating(id, 'member-a', 3);
    await engine.ratings.save(first, () => entry('rating.new', id));
    await withAuditRefused(() => engine.ratings.save(rating(id, 'member-a', 10), () => entry('rating.replaced', id, refusedAt)));
    expect(await engine.ratings.forSession(id)).toEqual([{ ...first, submissions: 1 }]);
    expect(await auditedAt(refusedAt)).toEqual([]);
  });
});
