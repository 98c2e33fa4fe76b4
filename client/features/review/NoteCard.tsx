import { useId, useState, type FormEvent } from 'react';
import { NOTE_FIELDS, NOTE_FIELD_LABELS, type NoteFields, type ProgressNote } from '../../../shared/review/progress-notes.js';
import { nameRedactor } from '../../../shared/review/stubs.js';
import { HttpError } from '../../api/http.js';
import { addProgressNoteAddendum } from '../../api/progressNotes.js';
import { useReview } from './reviewContext.js';
import { useNoteAutosave, type SaveState } from './useNoteAutosave.js';

const STATE_WORDS: Record<SaveState, string> = { saved: 'Saved', pending: 'Not saved yet', saving: 'Saving…', failed: 'Not saved' };

/** One member's progress note: facts, the narrative (editable until signed), addenda after. */
export function NoteCard({
  sessionId,
  initial,
  signed,
  canEdit,
}: {
  sessionId: string;
  initial: ProgressNote;
  signed: boolean;
  canEdit: boolean;
}) {
  const { fmt, review } = useReview();
  const autosave = useNoteAutosave(sessionId, initial);
  const { note, fields, state, conflict } = autosave;
  const headingId = useId();
  const editable = canEdit && !signed && note.kind === 'progress';
  const when = (ms: number) => `${fmt.shortDate(ms)}, ${fmt.clock(ms)}`;
  const savedWords =
    note.savedAt !== null && note.savedBy ? `, version ${note.version} by ${note.savedBy}, ${when(note.savedAt)}` : ' (draft from the log)';

  return (
    <article className="progress-note" aria-labelledby={headingId}>
      <h3 id={headingId}>Progress note: {note.name}</h3>
      <ul className="note-facts" aria-label={`Facts from the log: ${note.name}`}>
        {note.facts.map((fact, i) => (
          <li key={i}>{fact}</li>
        ))}
      </ul>
      {note.kind === 'progress' && (
        <PrintedFields fields={fields} others={review.members.filter((m) => m.id !== note.memberId).map((m) => m.name)} />
      )}
      {note.kind === 'attendance' ? (
        <p className="muted">Absent: an attendance-only note.</p>
      ) : editable ? (
        <>
          {NOTE_FIELDS.map((field) => (
            <NoteField
              key={field}
              label={NOTE_FIELD_LABELS[field]}
              value={fields[field]}
              onChange={(text) => autosave.edit({ ...fields, [field]: text })}
            />
          ))}
          <p className="muted note-save screen-only" role="status">
            {state === 'saved' ? `Saved${savedWords}` : STATE_WORDS[state]}
          </p>
        </>
      ) : (
        <dl className="note-fields screen-only">
          {NOTE_FIELDS.map((field) => (
            <div key={field}>
              <dt>{NOTE_FIELD_LABELS[field]}</dt>
              <dd>{fields[field] || '—'}</dd>
            </div>
          ))}
        </dl>
      )}
      {conflict && <Conflict name={note.name} mine={conflict} onKeep={autosave.keepMine} onDrop={autosave.dropMine} />}
      {autosave.error && (
        <p className="form-error" role="alert">
          {autosave.error}
        </p>
      )}
      {note.addenda.length > 0 && (
        <ul className="addenda">
          {note.addenda.map((a) => (
            <li key={a.id}>
              <p className="addendum-meta">
                Added after signing by {a.authorName}, {when(a.at)}
              </p>
              <p className="addendum-text">{a.text}</p>
            </li>
          ))}
        </ul>
      )}
      {signed && canEdit && <NoteAddendum sessionId={sessionId} note={note} onNote={autosave.setNote} />}
    </article>
  );
}

/**
 * The narrative as it prints, for this member's chart: another member named in it becomes
 * "another member", as in the stubs (one member per printed page).
 */
function PrintedFields({ fields, others }: { fields: NoteFields; others: string[] }) {
  const redact = nameRedactor(others);
  return (
    <dl className="note-fields print-only">
      {NOTE_FIELDS.map((field) => (
        <div key={field}>
          <dt>{NOTE_FIELD_LABELS[field]}</dt>
          <dd>{redact(fields[field]) || '—'}</dd>
        </div>
      ))}
    </dl>
  );
}

function NoteField({ label, value, onChange }: { label: string; value: string; onChange: (text: string) => void }) {
  const id = useId();
  return (
    <div className="field screen-only">
      <label htmlFor={id}>{label}</label>
      <textarea id={id} rows={3} maxLength={2000} value={value} onChange={(e) => onChange(e.target.value)} />
    </div>
  );
}

/** Another screen saved first: its text is shown above; the words this screen had wait here. */
function Conflict({ name, mine, onKeep, onDrop }: { name: string; mine: NoteFields; onKeep: () => void; onDrop: () => void }) {
  return (
    <div className="note-conflict screen-only" role="alert">
      <p>{`${name}'s note was changed on another screen: its text is shown above. What you typed here was not saved:`}</p>
      <dl className="note-fields">
        {NOTE_FIELDS.filter((f) => mine[f] !== '').map((field) => (
          <div key={field}>
            <dt>{NOTE_FIELD_LABELS[field]}</dt>
            <dd>{mine[field]}</dd>
          </div>
        ))}
      </dl>
      <button type="button" className="button" onClick={onKeep}>
        Keep my text
      </button>{' '}
      <button type="button" className="button" onClick={onDrop}>
        Keep the other text
      </button>
    </div>
  );
}

/** After signing, a note takes addenda only (R18). Opened by a button, so the page stays short. */
function NoteAddendum({ sessionId, note, onNote }: { sessionId: string; note: ProgressNote; onNote: (n: ProgressNote) => void }) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      onNote((await addProgressNoteAddendum(sessionId, note.memberId, text)).note);
      setText('');
      setOpen(false);
      setError(null);
    } catch (e) {
      setError(e instanceof HttpError ? e.message : 'That did not work; try again.');
    } finally {
      setBusy(false);
    }
  };
  if (!open)
    return (
      <button type="button" className="button" onClick={() => setOpen(true)}>
        Write an addendum to {note.name}'s note
      </button>
    );
  return (
    <form className="addendum-form" onSubmit={(e) => void submit(e)}>
      <div className="field">
        <label htmlFor={id}>Text to append to {note.name}'s note</label>
        <textarea id={id} rows={3} maxLength={2000} value={text} onChange={(e) => setText(e.target.value)} required />
      </div>
      <button type="submit" className="button" disabled={busy || text.trim() === ''}>
        Append to {note.name}'s note
      </button>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
