import { CommandButton } from '../CommandButton.js';
import { nameOf } from '../members.js';
import { useView } from '../liveContext.js';
import { Timer } from '../Timer.js';
import { UpNext } from '../round/UpNext.js';

/** A long name takes a smaller type and may wrap, so the whole name shows. */
function speakerNameSize(name: string): string {
  return name.length > 24 ? ' name-longest' : name.length > 14 ? ' name-long' : '';
}

/**
 * Who has the floor, their turn time against the allotment (overtime shows, never cuts off),
 * and the turn's controls. Fixed heights, so nothing shifts when the speaker changes.
 */
export function FloorPanel() {
  const view = useView();
  const floor = view.context.floor;
  const note = floor?.held
    ? 'Turn paused'
    : floor?.via === 'round'
      ? 'Go-round turn'
      : floor
        ? 'Speaking'
        : 'Give the floor from a tile or the queue';
  return (
    <div className="card floor-card">
      <section className="current-speaker" aria-label="Current speaker">
        <div className="speaker-text">
          <p className={floor ? `speaker-name${speakerNameSize(nameOf(view, floor.memberId))}` : 'speaker-name speaker-none'}>
            {floor ? nameOf(view, floor.memberId) : 'Nobody has the floor'}
          </p>
          <p className="speaker-note muted">{note}</p>
        </div>
        <Timer which="turn" size="large" />
        {/* Across the whole card, under the timer too: a long name needs the width (L1). */}
        <UpNext />
      </section>
      <div className="button-row">
        <CommandButton command={{ type: 'turn.end' }} label="End turn" />
        {floor?.held ? (
          <CommandButton command={{ type: 'turn.resume' }} label="Resume turn" />
        ) : (
          <CommandButton command={{ type: 'turn.pause' }} label="Pause turn" />
        )}
        <CommandButton command={{ type: 'floor.next' }} label="Next speaker" shortcut="Space" className="primary" />
      </div>
    </div>
  );
}
