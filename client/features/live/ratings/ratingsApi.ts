import { contract } from '../../../../shared/rest/contract.js';
import { membersInRoom, type SessionView } from '../../../../shared/session/view.js';
import { RATING_LINK_AFTER_END_MS } from '../../../../shared/schemas/ratings.js';
import { call } from '../../../api/http.js';
import type { LiveState } from '../../../api/liveSession.js';

/** The facilitators' ratings calls (docs/ratings.md P52, P54), typed by the contract. */
export const collectRatings = (sessionId: string) => call(contract.collectRatings, { params: { sessionId } });
export const stopRatings = (sessionId: string) => call(contract.stopRatings, { params: { sessionId } });
export const getRatingLink = (sessionId: string) => call(contract.getRatingLink, { params: { sessionId } });

/** Kiosk mode locks this sign-in first, as the idle lock does (docs/security.md S18). */
export const lockThisScreen = () => call(contract.lock, {});

/** Whether to offer Collect ratings on the ended page: within the server's window, or while a link is open. */
export const offeredAfterEnd = (s: LiveState): boolean => {
  const endedAt = s.update?.state.context.endedAt ?? null;
  return (s.ratings?.collecting ?? false) || (endedAt !== null && s.now - endedAt < RATING_LINK_AFTER_END_MS);
};

/** The M of "N of M rated": members in the room, late arrivals included, those who left not. */
export function membersPresent(view: SessionView): number {
  return membersInRoom(view).length;
}
