import { computeReview } from '../../shared/review/figures.js';
import type { Review } from '../../shared/review/types.js';
import type { SessionRatings } from '../../shared/schemas/ratings.js';
import type { Clock } from '../clock.js';
import { loadNames, type SessionNames } from '../live/names.js';
import type { LogEntry, SessionRow, Store } from '../store/types.js';

export function reviewOf(row: SessionRow, names: SessionNames, log: readonly LogEntry[], now: number): Review {
  return computeReview({
    sessionId: row.id,
    groupId: row.groupId,
    groupName: names.groupName,
    plan: row.plan,
    seats: row.seats,
    members: names.members,
    facilitators: names.facilitators,
    log,
    asOf: now as Review['session']['asOf'],
  });
}

export interface SessionFigures {
  log: LogEntry[];
  review: Review;
}

/**
 * A session's ratings as the review shows them (docs/review.md R34): the items it asked and each
 * member's rating, named, in seat order. Null when it collected none — and until it has ended:
 * while it runs, its facilitators see how many rated, never what (docs/ratings.md).
 */
export async function sessionRatings(store: Store, row: SessionRow, names: Pick<SessionNames, 'members'>): Promise<SessionRatings | null> {
  if (row.status !== 'ended') return null;
  const items = await store.ratings.items(row.id);
  if (!items) return null;
  const ratings = await store.ratings.forSession(row.id);
  // Members rate among those present, so every rater holds one of the session's seats.
  const seated = new Map(names.members.map((m) => [m.id, m]));
  const seat = (id: string) => seated.get(id)?.seat ?? Number.MAX_SAFE_INTEGER;
  return {
    items,
    ratings: ratings
      .map((r) => ({ ...r, memberName: seated.get(r.memberId)?.name ?? 'a former member' }))
      .sort((a, b) => seat(a.memberId) - seat(b.memberId)),
  };
}

/**
 * A session's figures, computed once for the review page, its downloads and the progress notes
 * (docs/review.md R27). An ended session's log never changes, so its review is fixed by its
 * version and its names (a rename or an erasure changes the key): the last few ended sessions
 * read are kept. A live session is computed afresh each time. Callers only read what they get.
 * The ratings (R34) ride along but are read afresh each time: a member may rate, or rate again,
 * for 30 minutes after the end without the log moving, and reading a dozen rows costs nothing
 * beside the figures.
 */
export class ReviewCache {
  private readonly entries = new Map<string, { key: string; value: SessionFigures }>();
  /** Counts `forget`s: figures read before one are not kept (they may be of a session since purged). */
  private forgets = 0;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly size = 4,
  ) {}

  async figures(row: SessionRow): Promise<SessionFigures & { ratings: SessionRatings | null }> {
    const forgets = this.forgets;
    const names = await loadNames(this.store, row);
    const ratings = await sessionRatings(this.store, row, names);
    const key = `${row.version}\n${JSON.stringify(names)}`;
    const cached = row.status === 'ended' ? this.get(row.id, key) : undefined;
    if (cached) return { ...cached, ratings };
    const log = await this.store.sessions.log(row.id);
    const value = { log, review: reviewOf(row, names, log, this.clock.now()) };
    if (row.status === 'ended' && forgets === this.forgets) this.set(row.id, key, value);
    return { ...value, ratings };
  }

  /** A purged session: nothing of it stays in memory. */
  forget(sessionId: string): void {
    this.forgets++;
    this.entries.delete(sessionId);
  }

  private get(sessionId: string, key: string): SessionFigures | undefined {
    const entry = this.entries.get(sessionId);
    if (!entry || entry.key !== key) return undefined;
    this.entries.delete(sessionId); // most recently used last
    this.entries.set(sessionId, entry);
    return entry.value;
  }

  private set(sessionId: string, key: string, value: SessionFigures): void {
    this.entries.delete(sessionId);
    this.entries.set(sessionId, { key, value });
    if (this.entries.size > this.size) this.entries.delete(this.entries.keys().next().value!);
  }
}
