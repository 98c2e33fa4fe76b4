import { useUndo } from './undoState.js';

/** "Gave the floor to Ana · Undo": the last one-tap action of this screen, for five seconds. */
export function UndoLine() {
  const { last, undo } = useUndo();
  if (!last) return null;
  const words = {
    give: `Gave the floor to ${last.name}`,
    queue: `Added ${last.name} to the queue`,
    unqueue: `Took ${last.name} off the queue`,
  }[last.tap.did];
  return (
    <p className="undo-line">
      <span>{words}</span>
      <button type="button" className="button" aria-keyshortcuts="U" onClick={undo}>
        Undo
        <kbd className="shortcut" aria-hidden="true">
          U
        </kbd>
      </button>
    </p>
  );
}
