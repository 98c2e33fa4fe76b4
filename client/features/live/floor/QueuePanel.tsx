import { CommandButton } from '../CommandButton.js';
import { nameOf } from '../members.js';
import { useView } from '../liveContext.js';

/** Members waiting for the floor, in the order they asked; reorder or remove with a tap. */
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
          {queue.map((memberId, index) => {
            const name = nameOf(view, memberId);
            return (
              <li key={memberId} className="queue-item">
                <span className="queue-position" aria-hidden="true">
                  {index + 1}
                </span>
                <span className="queue-name">{name}</span>
                <CommandButton
                  command={{ type: 'queue.move', memberId, toIndex: Math.max(0, index - 1) }}
                  label={`Move ${name} up`}
                  className="icon"
                  disabled={index === 0}
                >
                  ↑
                </CommandButton>
                <CommandButton command={{ type: 'queue.move', memberId, toIndex: index + 1 }} label={`Move ${name} down`} className="icon">
                  ↓
                </CommandButton>
                <CommandButton command={{ type: 'queue.remove', memberId }} label={`Remove ${name} from queue`} className="icon">
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
