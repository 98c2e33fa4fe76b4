import { speakerFields } from '../../../../shared/session/speakers.js';
import { CommandButton } from '../CommandButton.js';
import { nameOf } from '../members.js';
import { useView } from '../liveContext.js';

/** Members (and facilitators, P51) waiting for the floor, in the order they asked; reorder or remove with a tap. */
export function QueuePanel() {
  const view = useView();
  const queue = view.context.queue;
  return (
    <section className="card queue-card" aria-label="Speaking queue">
      <h2 className="card-title">Speaking queue</h2>
      {queue.length === 0 ? (
        <p className="muted queue-empty">Nobody is waiting. Tap a member to add them.</p>
      ) : (
        <ol className="queue-list">
          {queue.map((speaker, index) => {
            const name = nameOf(view, speaker);
            // A facilitator waiting for their own time (P51) is named by role in the command.
            const named = speakerFields(speaker);
            return (
              <li key={speaker} className="queue-item">
                <span className="queue-position" aria-hidden="true">
                  {index + 1}
                </span>
                <span className="queue-name">{name}</span>
                <CommandButton
                  command={{ type: 'queue.move', ...named, toIndex: Math.max(0, index - 1) }}
                  label={`Move ${name} up`}
                  className="icon"
                  disabled={index === 0}
                >
                  ↑
                </CommandButton>
                <CommandButton command={{ type: 'queue.move', ...named, toIndex: index + 1 }} label={`Move ${name} down`} className="icon">
                  ↓
                </CommandButton>
                <CommandButton command={{ type: 'queue.remove', ...named }} label={`Remove ${name} from queue`} className="icon">
                  ✕
                </CommandButton>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
