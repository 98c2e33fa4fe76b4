import { useState } from 'react';
import { PHASE_LABELS } from '../../../../shared/phases.js';
import { FLAG_LABELS } from '../../../../shared/schemas/commands.js';
import { Modal } from '../../../ui/Modal.js';
import { nameOf } from '../members.js';
import { useView } from '../liveContext.js';

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

/** Flags and notes of this session, newest first, behind a tap so no one glances at them. */
export function RecordsDialog({ close }: { close: () => void }) {
  const view = useView();
  const author = (id: string) => view.facilitators.find((f) => f.id === id)?.name ?? 'A facilitator';
  const about = (id: string | null) => (id ? nameOf(view, id) : 'The group');
  const flags = view.context.flags.toReversed();
  const notes = view.context.notes.toReversed();
  // Private notes stay folded on a screen others may glance at, until asked for.
  const [showPrivate, setShowPrivate] = useState(false);
  const privateCount = notes.filter((note) => note.private).length;
  const shown = showPrivate ? notes : notes.filter((note) => !note.private);
  return (
    <Modal title="Flags and notes" onClose={close} className="records">
      <section aria-labelledby="flags-heading">
        <h3 id="flags-heading">Flags</h3>
        {flags.length === 0 ? (
          <p className="muted">No flags.</p>
        ) : (
          <ul className="record-list" aria-label="Flags">
            {flags.map((flag) => (
              <li key={flag.id}>
                <strong>{FLAG_LABELS[flag.kind]}</strong> · {about(flag.memberId)}
                {flag.text && <span>: {flag.text}</span>}
                <span className="muted">
                  {' '}
                  ({timeFormat.format(flag.at)}, {flag.phase ? PHASE_LABELS[flag.phase] : 'lobby'}, {author(flag.by)})
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="notes-heading">
        <h3 id="notes-heading">Notes</h3>
        {privateCount > 0 && (
          <button type="button" className="button small" aria-expanded={showPrivate} onClick={() => setShowPrivate(!showPrivate)}>
            {showPrivate ? 'Hide private notes' : `Show private notes (${privateCount})`}
          </button>
        )}
        {shown.length === 0 ? (
          <p className="muted">{privateCount > 0 ? 'No other notes.' : 'No notes.'}</p>
        ) : (
          <ul className="record-list" aria-label="Notes">
            {shown.map((note) => (
              <li key={note.id} className={note.private ? 'private-note' : undefined}>
                {note.text}
                <span className="muted">
                  {' '}
                  ({about(note.memberId)}, {timeFormat.format(note.at)}, {author(note.by)}
                  {note.private ? ', private' : ''})
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <div className="modal-actions">
        <button type="button" className="button" onClick={close}>
          Close
        </button>
      </div>
    </Modal>
  );
}
