import { useId } from 'react';
import { useOpenDialog } from '../dialogState.js';
import { tileStatus, tileWords } from '../members.js';
import { useView } from '../liveContext.js';

/** Long names take a smaller type and wrap, so a whole name fits in the tile and none is cut. */
function nameLength(name: string): string | false {
  if (name.length > 18) return 'name-longest';
  if (name.length > 9) return 'name-long';
  return false;
}

/**
 * A member's tile: a button whose accessible name is exactly the member's name (its status
 * words are its description, not its name), opening the member's actions.
 */
export function MemberTile({ memberId, name }: { memberId: string; name: string }) {
  const view = useView();
  const openDialog = useOpenDialog();
  const descriptionId = useId();
  const status = tileStatus(view, memberId);
  const started = view.context.clock !== null;
  const words = tileWords(status, started);
  const classes = [
    'tile',
    status.speaking && 'speaking',
    status.held && 'held',
    status.queuePosition !== null && 'queued',
    status.upInRound && 'up',
    status.passed && 'passed',
    status.steppedOut && 'stepped-out',
    !status.attending && 'away',
    status.notYetSpoken && 'not-spoken',
    nameLength(name),
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <button
      type="button"
      className={classes}
      aria-haspopup="dialog"
      aria-describedby={words ? descriptionId : undefined}
      onClick={() => openDialog({ kind: 'member', memberId })}
    >
      <span className="tile-name">{name}</span>
      {status.queuePosition !== null && (
        <span className="tile-queue" aria-hidden="true">
          {status.queuePosition}
        </span>
      )}
      <span className="tile-words" aria-hidden="true">
        {tileWords(status, started, true)}
      </span>
      {/* Hidden, so it is not part of the name; aria-describedby still reads it. */}
      <span id={descriptionId} hidden>
        {words}
      </span>
    </button>
  );
}
