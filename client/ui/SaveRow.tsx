import { ErrorMessage } from './ErrorMessage.js';

/** The foot of a settings form: what went wrong, or "Saved.", then its save button. */
export function SaveRow({ error, saved, busy = false, label }: { error: string | null; saved: boolean; busy?: boolean; label: string }) {
  return (
    <>
      <ErrorMessage message={error} />
      {saved && (
        <p className="saved-note" role="status">
          Saved.
        </p>
      )}
      <button type="submit" className="button primary" disabled={busy}>
        {label}
      </button>
    </>
  );
}
