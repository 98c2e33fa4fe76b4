import type { Command } from '../../../shared/schemas/commands.js';
import { refusalOf } from '../../../shared/session/refusal.js';
import type { SessionView } from '../../../shared/session/view.js';
import type { Instant } from '../../../shared/time.js';

/**
 * Why this screen should not offer a command right now, in the rules' own words; null when it
 * may. The same pure rules the server's machine uses, so a button is never enabled in vain.
 */
export function whyNot(view: SessionView, command: Command, actor: string): string | null {
  // The stamp's time matters to one rule only, floor.undo's window, which no button asks about
  // (the Undo is offered for a shorter time than the machine takes it): who and what, not when.
  return refusalOf(view.status, view.context, { ...command, at: 0 as Instant, actor })?.message ?? null;
}
