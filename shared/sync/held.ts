import { patched, type StatePatch, type StateUpdate } from '../protocol.js';

/**
 * What a screen does with a state it is sent, as pure functions of the state it holds (§7, §9).
 * The newest state wins; an older or foreign one changes nothing.
 */
export function newer(held: StateUpdate | null, sessionId: string, update: StateUpdate | null | undefined): StateUpdate | null {
  if (!update || update.sessionId !== sessionId) return null;
  if (held !== null && update.version <= held.version) return null;
  return update;
}

type PatchResult = { kind: 'applied'; update: StateUpdate } | { kind: 'old' } | { kind: 'missed' };

/**
 * A broadcast change applied to the state held. One made from another version than the one held
 * (a broadcast was missed, or nothing is held yet) cannot be applied: 'missed' tells the caller
 * to join again, which brings the whole state. One not newer than what is held changes nothing.
 */
export function afterPatch(held: StateUpdate | null, sessionId: string, patch: StatePatch): PatchResult {
  if (patch.sessionId !== sessionId) return { kind: 'old' };
  if (held !== null && patch.version <= held.version) return { kind: 'old' };
  const update = held && patched(held, patch);
  return update ? { kind: 'applied', update } : { kind: 'missed' };
}
