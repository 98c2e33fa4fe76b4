import type { StateUpdate } from '../protocol.js';
import type { CommandType } from '../schemas/commands.js';

/**
 * P45: a state must have been on screen this long before a press is taken as meant for it. A
 * person cannot see a change and react to it faster (human reaction time is about 200–250 ms), so
 * a press sooner than this after a change was aimed at the state before it.
 */
export const REACTION_MS = 300;

/**
 * Changes that move nothing a versioned press depends on (floor, queue, round, phase): the
 * clinician-only side records. One of them landing just before a press does not make it stale.
 * A command type not listed here counts as a move, so a new command errs towards acting once.
 */
const ASIDE: ReadonlySet<CommandType> = new Set<CommandType>(['flag.raise', 'note.add', 'signal.send', 'signal.ack']);

/** One version as this screen came to show it, on the screen's own clock. */
export interface Shown {
  version: number;
  /** When this screen began showing it (the screen's clock, ms). */
  at: number;
  /** False when the change that made it was a side record (ASIDE). */
  moved: boolean;
}

/**
 * The versions shown so far with `update` added (shown at `at`), trimmed to what a later press can
 * still need: everything shown within the window, and the one shown before them.
 */
export function shownAfter(shown: readonly Shown[], update: StateUpdate, at: number, windowMs = REACTION_MS): Shown[] {
  const cause = update.cause;
  const next = [...shown, { version: update.version, at, moved: cause === null || !ASIDE.has(cause.commandType) }];
  let keepFrom = 0;
  for (let i = next.length - 1; i > 0; i--) {
    if (!recent(next[i]!, at, windowMs)) {
      keepFrom = i;
      break;
    }
  }
  return next.slice(keepFrom);
}

/**
 * The version a press at `now` is meant for (P45): the newest one shown, unless a change that
 * moved something came on screen less than `windowMs` before the press; then the version shown
 * before the earliest such change. Undefined while nothing is shown.
 */
export function versionMeant(shown: readonly Shown[], now: number, windowMs = REACTION_MS): number | undefined {
  let meant = shown.at(-1)?.version;
  for (let i = shown.length - 1; i > 0 && recent(shown[i]!, now, windowMs); i--) {
    if (shown[i]!.moved) meant = shown[i - 1]!.version;
  }
  return meant;
}

/**
 * A press may be read from the moment the finger went down, so a change can come on screen after
 * it (a negative age): that change is the most certainly not what was pressed for. A finger is not
 * held down for long, though: a change more than this after the press moment means the clock went
 * back, and counts as long ago rather than as recent for as long as the clock takes to catch up.
 */
const LONGEST_HOLD_MS = 10_000;

/** Shown less than `windowMs` before `now`, or after it (see LONGEST_HOLD_MS). */
function recent(shown: Shown, now: number, windowMs: number): boolean {
  const age = now - shown.at;
  return age < windowMs && age > -LONGEST_HOLD_MS;
}
