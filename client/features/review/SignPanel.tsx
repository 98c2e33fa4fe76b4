import { useId, useState, type FormEvent } from 'react';
import type { ReviewRecord } from '../../../shared/review/record.js';
import { HttpError } from '../../api/http.js';
import { useSignedIn } from '../auth/authState.js';
import { useReview } from './reviewContext.js';
import { addAddendum, signReview } from './reviewApi.js';

const ROLE = { lead: 'lead', co: 'co-facilitator' } as const;

/**
 * Sign and lock: each facilitator signs once; the first signature locks the record, and what is
 * said after is an addendum, shown with its author and time below the signatures.
 */
export function SignPanel({
  record,
  onRecord,
  myRole,
}: {
  record: ReviewRecord;
  onRecord: (r: ReviewRecord) => void;
  myRole: 'lead' | 'co' | 'reviewer';
}) {
  const { review, fmt } = useReview();
  const { user } = useSignedIn();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [text, setText] = useState('');
  const textId = useId();
  const ended = review.session.status === 'ended';
  const signed = record.signatures.some((s) => s.userId === user.id);
  const facilitator = myRole !== 'reviewer';
  const when = (ms: number) => `${fmt.date(ms)}, ${fmt.clock(ms)}`;

  const run = async (action: () => Promise<{ record: ReviewRecord }>) => {
    setBusy(true);
    setError(null);
    try {
      onRecord((await action()).record);
      return true;
    } catch (e) {
      setError(e instanceof HttpError ? e.message : 'That did not work; try again.');
      return false;
    } finally {
      setBusy(false);
    }
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await run(() => addAddendum(review.sessionId, text))) setText('');
  };

  return (
    <section className="card review-section sign-panel" aria-labelledby="sign-heading">
      <h2 id="sign-heading">Signatures</h2>
      {record.lock ? (
        <p>Locked {when(record.lock.lockedAt)}. The record above is as it was signed; anything added since is an addendum below.</p>
      ) : (
        <p className="muted">
          {ended ? 'Not signed yet. The first signature locks the record.' : 'The review can be signed once the session has ended.'}
        </p>
      )}
      {record.intact === false && (
        <p className="form-error" role="alert">
          The phase log no longer matches what was signed.
        </p>
      )}
      {record.signatures.length > 0 && (
        <ul className="signatures">
          {record.signatures.map((s) => (
            <li key={s.userId}>
              Signed by {s.name} ({ROLE[s.role]}), {when(s.signedAt)}
            </li>
          ))}
        </ul>
      )}
      {ended && !signed && facilitator && (
        <button
          type="button"
          className="button primary screen-only"
          disabled={busy}
          onClick={() => void run(() => signReview(review.sessionId))}
        >
          Sign as {ROLE[myRole]}
        </button>
      )}
      {record.addenda.length > 0 && (
        <>
          <h3>Addenda</h3>
          <ul className="addenda">
            {record.addenda.map((a) => (
              <li key={a.id}>
                <p className="addendum-meta">
                  Addendum by {a.authorName}, {when(a.at)}
                </p>
                <p className="addendum-text">{a.text}</p>
              </li>
            ))}
          </ul>
        </>
      )}
      {record.lock && facilitator && (
        <form className="addendum-form screen-only" onSubmit={(e) => void submit(e)}>
          <div className="field">
            <label htmlFor={textId}>Addendum</label>
            <textarea id={textId} rows={3} maxLength={2000} value={text} onChange={(e) => setText(e.target.value)} required />
          </div>
          <button type="submit" className="button" disabled={busy || text.trim() === ''}>
            Add addendum
          </button>
        </form>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
