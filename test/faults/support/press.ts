import type { Outcome } from '../../../shared/sync/outbox.js';
import { plausibleCommand } from './facilitator.js';
import type { Screen } from './screen.js';

export interface PressOptions {
  /** Hears each press's outcome when it comes (the bench times the acks around a drain). */
  onSettled?: (screen: Screen, outcome: Outcome) => void;
  /** About this long between one answer and the next press (0.5–1.5×, seeded); 0: at once. */
  paceMs?: number;
}

/**
 * Screens pressing what their state allows, one press at a time, as fast as answered (or at a
 * person's pace, `paceMs`), until stopped.
 */
export function pressAway(
  screens: readonly Screen[],
  actorOf: (s: Screen) => string,
  rand: () => number,
  { onSettled, paceMs = 0 }: PressOptions = {},
): { stop(): Promise<void> } {
  let pressing = true;
  const presses = screens.map(async (screen) => {
    while (pressing) {
      if (!screen.connected || !screen.state || screen.unanswered > 0) {
        await new Promise((r) => setTimeout(r, 10));
        continue;
      }
      const { command, expectedVersion } = plausibleCommand(screen.state, actorOf(screen), rand);
      const outcome = screen.send(command, { expectedVersion }).settled;
      if (onSettled) void outcome.then((o) => onSettled(screen, o));
      await Promise.race([outcome, new Promise((r) => setTimeout(r, 200))]);
      if (paceMs > 0) await new Promise((r) => setTimeout(r, paceMs * (0.5 + rand())));
    }
  });
  return {
    stop: async () => {
      pressing = false;
      await Promise.all(presses);
    },
  };
}
