import { randomUUID } from 'node:crypto';
import { DEFAULT_RATING_ITEMS, RATING_MAX, RATING_MIN, type RatingItem, type Scores } from '../../shared/schemas/rating-scale.js';
import { RATING_LINK_AFTER_END_MS, type RatingLink, type RatingsStatus, type RatingVia } from '../../shared/schemas/ratings.js';
import { membersInRoom, type SessionView } from '../../shared/session/view.js';
import type { Instant } from '../../shared/time.js';
import type { Clock } from '../clock.js';
import type { Audit } from '../privacy/audit.js';
import type { RatingWindowRow, Store } from '../store/types.js';
import type { OpenRatingForm, RatingDesk, SubmittedRating } from './desk.js';
import { linkToken, normalizedCode, sameCode, shortCode, windowOfToken } from './tokens.js';

export interface RatingCollectionDeps {
  store: Store;
  clock: Clock;
  audit: Pick<Audit, 'entry'>;
  /** The server's secret: tokens and codes are made under it (./tokens.ts). */
  secret: string;
  /** The session as its screens see it now (live if held, else as stored); null when there is none. */
  viewOf(sessionId: string): Promise<SessionView | null>;
  /** The count moved, or collecting started or stopped: sent to the session's room (P53). */
  onStatus(status: RatingsStatus): void;
  /** The QR code of an address, as an SVG document (made locally). */
  qrSvg(text: string): Promise<string>;
}

export type CollectRefusal = 'NOT_STARTED' | 'TOO_LATE';

/**
 * Collecting ratings for a session (docs/ratings.md): the facilitators' side (collect, stop,
 * status, the link) and the members' side (the `RatingDesk` the pages use). One window is open
 * per session at most; every answer is made from the store and the session's view at the time of
 * asking, so a restart loses nothing and nothing is held in memory.
 */
export class RatingCollection implements RatingDesk {
  constructor(private readonly deps: RatingCollectionDeps) {}

  async status(sessionId: string): Promise<RatingsStatus> {
    const open = await this.openWindow(sessionId);
    const view = await this.deps.viewOf(sessionId);
    const endedAt = view?.context.endedAt ?? null;
    return {
      sessionId,
      collecting: open !== null,
      rated: await this.deps.store.ratings.count(sessionId),
      expiresAt: open && endedAt !== null ? endedAt + RATING_LINK_AFTER_END_MS : null,
    };
  }

  /** Opens the session's link, or answers the one already open (two presses open one link). */
  async collect(sessionId: string, actorId: string): Promise<RatingsStatus | CollectRefusal> {
    const { store, clock, audit } = this.deps;
    if (await this.openWindow(sessionId)) return this.status(sessionId);
    const view = await this.deps.viewOf(sessionId);
    if (!view || view.context.clock === null) return 'NOT_STARTED';
    if (!withinTime(view, clock.now())) return 'TOO_LATE';
    const group = await store.groups.get(view.groupId);
    // The items, the window and its audit entry: one transaction (docs/privacy.md D4). Another press
    // that got there first has opened the one link: this one answers it.
    await store.ratings.openWindow(
      { id: await this.freshWindowId(), sessionId, openedBy: actorId, openedAt: clock.now() },
      group?.ratingItems ?? DEFAULT_RATING_ITEMS,
      audit.entry({ actorId, action: 'ratings.collect', subjectType: 'session', subjectId: sessionId }),
    );
    return this.announce(sessionId);
  }

  async stop(sessionId: string, actorId: string): Promise<RatingsStatus> {
    const { store, clock, audit } = this.deps;
    const open = await this.openWindow(sessionId);
    if (!open) return this.status(sessionId);
    await store.ratings.closeWindow(
      open.id,
      clock.now(),
      actorId,
      audit.entry({ actorId, action: 'ratings.stop', subjectType: 'session', subjectId: sessionId }),
    );
    return this.announce(sessionId);
  }

  /** The open link as the facilitators' screens show it, at `origin`; null when none is open. */
  async link(sessionId: string, origin: string): Promise<RatingLink | null> {
    const open = await this.openWindow(sessionId);
    if (!open) return null;
    const url = `${origin}/r/${linkToken(this.deps.secret, open.id)}`;
    return {
      url,
      code: shortCode(this.deps.secret, open.id),
      codeUrl: `${origin}/r`,
      qrSvg: await this.deps.qrSvg(url),
      expiresAt: (await this.status(sessionId)).expiresAt,
    };
  }

  async formFor(token: string): Promise<OpenRatingForm | null> {
    const open = await this.windowOfToken(token);
    if (!open) return null;
    const view = await this.deps.viewOf(open.sessionId);
    const items = await this.deps.store.ratings.items(open.sessionId);
    if (!view || !items) return null;
    // Only members still on the group's roster: an erased member (privacy.md D33) is not offered.
    const roster = new Set((await this.deps.store.groups.members(view.groupId)).map((m) => m.id));
    const members = presentMembers(view).filter((m) => roster.has(m.id));
    return { sessionId: open.sessionId, items, members };
  }

  async tokenForCode(typed: string): Promise<string | null> {
    const code = normalizedCode(typed);
    if (!code) return null;
    // Only open links are looked at, and few are open at a time: each is compared, none skipped.
    const matching = (await this.deps.store.ratings.openWindows()).filter((w) => sameCode(shortCode(this.deps.secret, w.id), code));
    for (const window of matching) if (await this.stillOpen(window)) return linkToken(this.deps.secret, window.id);
    return null;
  }

  async submit(token: string, rating: SubmittedRating, via: RatingVia): Promise<'new' | 'replaced' | null> {
    const { store, clock, audit } = this.deps;
    const form = await this.formFor(token);
    if (!form || !form.members.some((m) => m.id === rating.memberId) || !scoresFit(rating.scores, form.items)) return null;
    const outcome = await store.ratings.save({ sessionId: form.sessionId, ...rating, submittedAt: clock.now(), via }, (saved) =>
      // Ids and facts only: never a score or the comment (docs/privacy.md D3).
      audit.entry({
        actorId: 'member',
        action: saved === 'replaced' ? 'rating.replace' : 'rating.submit',
        subjectType: 'member',
        subjectId: rating.memberId,
        detail: { sessionId: form.sessionId, via },
        // A patient's phone is not staff: its address is not kept (docs/privacy.md D20, D33).
        noAddress: true,
      }),
    );
    await this.announce(form.sessionId);
    return outcome;
  }

  private async announce(sessionId: string): Promise<RatingsStatus> {
    const status = await this.status(sessionId);
    this.deps.onStatus(status);
    return status;
  }

  /** The session's open window; one past its time is closed here, as if stopped when it ran out. */
  private async openWindow(sessionId: string): Promise<RatingWindowRow | null> {
    const latest = await this.deps.store.ratings.latestWindow(sessionId);
    if (!latest || latest.closedAt !== null) return null;
    return (await this.stillOpen(latest)) ? latest : null;
  }

  private async windowOfToken(token: string): Promise<RatingWindowRow | null> {
    const windowId = windowOfToken(this.deps.secret, token);
    if (!windowId) return null;
    const open = (await this.deps.store.ratings.openWindows()).find((w) => w.id === windowId);
    return open && (await this.stillOpen(open)) ? open : null;
  }

  private async stillOpen(window: RatingWindowRow): Promise<boolean> {
    const view = await this.deps.viewOf(window.sessionId);
    if (view && withinTime(view, this.deps.clock.now())) return true;
    // Closed as of the moment it ran out, by no one: the audit of who stopped it stays true.
    const endedAt = view?.context.endedAt ?? null;
    const ranOutAt = endedAt === null ? this.deps.clock.now() : ((endedAt + RATING_LINK_AFTER_END_MS) as Instant);
    if (await this.deps.store.ratings.closeWindow(window.id, ranOutAt, 'system', null))
      this.deps.onStatus(await this.status(window.sessionId));
    return false;
  }

  /** A window id whose short code no open link has (a clash is one in millions; it is still refused). */
  private async freshWindowId(): Promise<string> {
    const codes = new Set((await this.deps.store.ratings.openWindows()).map((w) => shortCode(this.deps.secret, w.id)));
    for (;;) {
      const id = randomUUID();
      if (!codes.has(shortCode(this.deps.secret, id))) return id;
    }
  }
}

/** Open while the session runs, and for RATING_LINK_AFTER_END_MS after it ended. */
function withinTime(view: SessionView, now: Instant): boolean {
  const { endedAt } = view.context;
  return endedAt === null || now < endedAt + RATING_LINK_AFTER_END_MS;
}

/** The members a member picks their name from: those in the room, in seat order. */
function presentMembers(view: SessionView): { id: string; name: string }[] {
  return membersInRoom(view).map(({ id, name }) => ({ id, name }));
}

/** Every item asked has a whole score on the scale, and nothing else is scored. */
function scoresFit(scores: Scores, items: readonly RatingItem[]): boolean {
  const keys = Object.keys(scores);
  return (
    keys.length === items.length &&
    items.every((i) => Number.isInteger(scores[i.id]) && scores[i.id]! >= RATING_MIN && scores[i.id]! <= RATING_MAX)
  );
}
