import { useId, useRef } from 'react';
import { tapAction } from '../../../../shared/session/tap.js';
import { useSignedIn } from '../../auth/authState.js';
import { useOpenDialog } from '../dialogState.js';
import { tileStatus, tileWords } from '../members.js';
import { selectConnected, useLive, useLiveSession, useView } from '../liveContext.js';
import { whyNot } from '../permissions.js';
import { useUndo } from './undoState.js';

/** Held this long, a tile opens the member's actions instead of acting. */
const LONG_PRESS_MS = 500;

/** Long names take a smaller type and wrap, so a whole name fits in the tile and none is cut. */
function nameLength(name: string): string | false {
  if (name.length > 18) return 'name-longest';
  if (name.length > 9) return 'name-long';
  return false;
}

/**
 * A member's tile: a button whose accessible name is exactly the member's name (its status
 * words are its description, not its name). One tap acts at once (P46: the floor when nobody has
 * it, else the queue), with an Undo; the companion **Actions for NAME** and a long press open the
 * member's actions. When a tap has nothing to do at once (the speaker, someone out of the room),
 * the tile opens the actions too.
 */
export function MemberTile({ memberId, name }: { memberId: string; name: string }) {
  const view = useView();
  const live = useLiveSession();
  const connected = useLive(selectConnected);
  const { user } = useSignedIn();
  const openDialog = useOpenDialog();
  const { offer } = useUndo();
  const descriptionId = useId();
  const longPress = useRef<{ timer: ReturnType<typeof setTimeout> | undefined; fired: boolean }>({ timer: undefined, fired: false });
  const status = tileStatus(view, memberId);
  const started = view.context.clock !== null;
  const words = tileWords(status, started);
  const tap = tapAction(view.context, memberId);
  const acts = tap !== null && connected && whyNot(view, tap.command, user.id) === null;
  const openActions = () => openDialog({ kind: 'member', memberId });

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

  const cancelLongPress = () => clearTimeout(longPress.current.timer);
  return (
    <div className="seat-body">
      <button
        type="button"
        className={classes}
        aria-haspopup={acts ? undefined : 'dialog'}
        aria-describedby={words ? descriptionId : undefined}
        onPointerDown={() => {
          cancelLongPress();
          longPress.current.fired = false;
          longPress.current.timer = setTimeout(() => {
            longPress.current.fired = true;
            openActions();
          }, LONG_PRESS_MS);
        }}
        onPointerUp={cancelLongPress}
        onPointerLeave={cancelLongPress}
        onPointerCancel={cancelLongPress}
        // A touch held down also raises the context menu: it is the long press, not a browser menu.
        onContextMenu={(event) => event.preventDefault()}
        onClick={() => {
          cancelLongPress();
          if (longPress.current.fired) return void (longPress.current.fired = false);
          if (!acts || !tap) return openActions();
          void live.send(tap.command).then((result) => result.ok && offer(tap, name));
        }}
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
      <button type="button" className="tile-actions" aria-label={`Actions for ${name}`} aria-haspopup="dialog" onClick={openActions}>
        <span aria-hidden="true">⋯</span>
      </button>
    </div>
  );
}
