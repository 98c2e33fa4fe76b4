import { CrisisButton } from '../crisis/CrisisButton.js';
import { useOpenDialog } from '../dialogState.js';
import { useView } from '../liveContext.js';

/**
 * The clinician-only side of the console, kept small and low-contrast in meaning: counts, not
 * contents, so nothing a member glances at reveals a flag or a note.
 */
export function DiscreetBar() {
  const view = useView();
  const openDialog = useOpenDialog();
  const records = view.context.flags.length + view.context.notes.length;
  return (
    <footer className="discreet-bar">
      <button type="button" className="button" onClick={() => openDialog({ kind: 'flag', memberId: null })}>
        Flag concern
      </button>
      <button type="button" className="button" onClick={() => openDialog({ kind: 'note', memberId: null })}>
        Add note
      </button>
      <button type="button" className="button" onClick={() => openDialog({ kind: 'signal' })}>
        Send signal
      </button>
      <CrisisButton />
      <button type="button" className="button quiet" onClick={() => openDialog({ kind: 'records' })}>
        Flags and notes <span className="count">{records}</span>
      </button>
    </footer>
  );
}
