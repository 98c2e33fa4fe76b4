import { NotServing, type Ownership } from '../cluster/ownership.js';
import type { SessionOwner } from '../live/owner.js';

/** How often this process asks for one session: a screen retrying MOVING asks again at most this often. */
const ASK_EVERY_MS = 1_000;

/**
 * The live core's owner over the ownership table (../cluster/ownership.ts). A claim that finds
 * the session held by a live process asks that process, through `askHandover`, to give it up; the
 * screen is answered MOVING and joins again, and the claim after the handover takes it (P56).
 * A process that is not serving (it fenced itself and is registering again) or is draining claims
 * nothing.
 */
export function peerOwner(ownership: Ownership, askHandover: (sessionId: string) => void, leaving: () => boolean): SessionOwner {
  const askedAt = new Map<string, number>();
  return {
    async claim(sessionId) {
      // Draining: a session handed over is not taken back by a command that was already on its way.
      if (leaving()) return false;
      try {
        const outcome = await ownership.claim(sessionId);
        if (outcome.owned) {
          askedAt.delete(sessionId);
          return true;
        }
      } catch (error) {
        if (error instanceof NotServing) return false;
        throw error;
      }
      const now = performance.now();
      // Made-up ids cannot pile up: the map is only a throttle, and starts over when large.
      if (askedAt.size > 10_000) askedAt.clear();
      if (now - (askedAt.get(sessionId) ?? -Infinity) >= ASK_EVERY_MS) {
        askedAt.set(sessionId, now);
        askHandover(sessionId);
      }
      return false;
    },
    release: (sessionId) => ownership.release(sessionId),
    owns: (sessionId) => ownership.owns(sessionId),
  };
}
