import { useState } from 'react';
import { Modal } from '../../ui/Modal.js';
import { ErrorMessage } from '../../ui/ErrorMessage.js';
import { describeFailure } from '../../ui/useFormAction.js';
import { purgeNow, type PurgeResult } from './adminApi.js';

/** Runs the retention purge at once, after a confirmation that says what it deletes (D8). */
export function PurgeNow({ retentionDays }: { retentionDays: number | null }) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<PurgeResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function purge() {
    setBusy(true);
    setError(null);
    try {
      setResult(await purgeNow());
    } catch (failure) {
      setError(describeFailure(failure));
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  }

  return (
    <section className="section" aria-labelledby="purge-heading">
      <h2 id="purge-heading">Purge</h2>
      <p>The purge runs every day by itself. Run it now after shortening the retention, for instance.</p>
      <button type="button" className="button danger-quiet" onClick={() => setConfirming(true)}>
        Purge now
      </button>
      <ErrorMessage message={error} />
      {result && (
        <p className="purge-result" role="status">
          {purgeWords(result)}
        </p>
      )}
      {confirming && (
        <Modal title="Purge now?" onClose={() => setConfirming(false)}>
          <p>
            {retentionDays === null
              ? 'Retention is set to keep ended sessions for ever, so nothing will be deleted; the run is recorded in the audit log.'
              : `Every session that ended more than ${retentionDays} ${retentionDays === 1 ? 'day' : 'days'} ago is deleted for good: its phase log, notes, flags, attendance and review. This cannot be undone.`}
          </p>
          <div className="modal-actions">
            <button type="button" className="button" onClick={() => setConfirming(false)} autoFocus>
              Cancel
            </button>
            <button type="button" className="button danger" disabled={busy} onClick={() => void purge()}>
              Purge now
            </button>
          </div>
        </Modal>
      )}
    </section>
  );
}

function purgeWords({ cutoff, sessions, logEntries }: PurgeResult): string {
  if (cutoff === null) return 'Purge ran: retention keeps ended sessions for ever, so nothing was deleted.';
  const count = `${sessions} ${sessions === 1 ? 'session' : 'sessions'} and ${logEntries} log ${logEntries === 1 ? 'entry' : 'entries'}`;
  return `Purge ran: deleted ${count} that ended before ${new Date(cutoff).toLocaleString()}.`;
}
