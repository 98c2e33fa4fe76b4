import { FLAG_LABELS } from '../../../../shared/schemas/commands.js';
import type { Queued } from '../../../api/liveState.js';
import { useOpenDialog } from '../dialogState.js';
import { selectConnected, useLive } from '../liveContext.js';

const selectQueued = (s: { queued: Queued[] }) => s.queued;

/**
 * While the connection is down the console's controls are disabled, but a flag or a note must
 * not wait (issue 16 §6): these stay usable, and what they made is listed here with its
 * commandId until the server has it — never silently dropped, never sent twice (P7).
 */
export function OfflineRecords() {
  const connected = useLive(selectConnected);
  const queued = useLive(selectQueued);
  const openDialog = useOpenDialog();
  if (connected && queued.length === 0) return null;
  return (
    <section className="offline-records" aria-label="Kept while offline">
      {!connected && (
        <div className="button-row">
          <span>Offline: a flag or a note is kept here and sent when the connection is back.</span>
          <button type="button" className="button" onClick={() => openDialog({ kind: 'flag', memberId: null })}>
            Flag concern (kept offline)
          </button>
          <button type="button" className="button" onClick={() => openDialog({ kind: 'note', memberId: null })}>
            Add note (kept offline)
          </button>
        </div>
      )}
      {queued.length > 0 && (
        <ul className="offline-queue">
          {queued.map((q) => (
            <li key={q.commandId}>
              Waiting to send: {q.command.type === 'flag.raise' ? `${FLAG_LABELS[q.command.kind]} flag` : 'note'}{' '}
              <span className="muted">({q.commandId})</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
