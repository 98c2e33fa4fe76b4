import type { SessionStatus } from '../../shared/session/view.js';

/**
 * At most this many log entries are applied on top of a session's saved snapshot when it is
 * restored. Saving the snapshot with every entry rewrote a page or more of the sessions table per
 * command, and under load those pages were most of what the disk wrote and synced
 * (docs/performance.md); every 16 entries it is a sixteenth of that, and a restore applies at
 * most 15 entries a session (under a millisecond).
 */
export const SNAPSHOT_EVERY = 16;

/**
 * Whether the snapshot is saved with the entry at `version`: on every change of status — so a
 * session's row always tells truly whether it is open or ended, and an ended session's snapshot
 * is its last state — and once `SNAPSHOT_EVERY` entries have passed since the last save.
 */
export function snapshotDue(change: {
  version: number;
  savedVersion: number;
  statusBefore: SessionStatus;
  statusAfter: SessionStatus;
}): boolean {
  return change.statusAfter !== change.statusBefore || change.version - change.savedVersion >= SNAPSHOT_EVERY;
}
