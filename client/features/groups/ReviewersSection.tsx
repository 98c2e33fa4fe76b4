import { useCallback, useState, type FormEvent } from 'react';
import type { GroupSummary } from '../../../shared/schemas/rest.js';
import { listFacilitators } from '../../api/endpoints.js';
import { useResource } from '../../api/useResource.js';
import { ErrorMessage } from '../../ui/ErrorMessage.js';
import { ResourceView } from '../../ui/ResourceView.js';
import { describeFailure } from '../../ui/useFormAction.js';
import { addReviewer, listReviewers, removeReviewer } from './groupApi.js';
import { formText } from '../../ui/formText.js';

const loadAccounts = () => listFacilitators().then((r) => r.facilitators);
const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/**
 * For a group's lead: the supervisors who may read this group's reviews and exports (never a
 * live session), with the select to add one and a button to remove each.
 */
export function ReviewersSection({ group }: { group: GroupSummary }) {
  const load = useCallback(() => listReviewers(group.id).then((r) => r.reviewers), [group.id]);
  const [reviewers, reload] = useResource(load);
  const [accounts] = useResource(loadAccounts);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(action: () => Promise<unknown>) {
    setBusy(true);
    setError(null);
    try {
      await action();
      reload();
    } catch (failure) {
      setError(describeFailure(failure));
    } finally {
      setBusy(false);
    }
  }

  function add(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const userId = formText(new FormData(event.currentTarget), 'userId');
    if (userId) void run(() => addReviewer(group.id, userId));
  }

  return (
    <section className="section" aria-labelledby="reviewers-heading">
      <h2 id="reviewers-heading">Reviewers</h2>
      <p className="muted">
        A reviewer (a clinical supervisor, say) reads this group’s ended sessions and their exports. They never join a live session and
        cannot sign.
      </p>
      <ResourceView resource={reviewers} retry={reload}>
        {(list) => {
          const taken = new Set([group.leadId, group.coFacilitatorId, ...list.map((r) => r.userId)]);
          const candidates = accounts.status === 'ready' ? accounts.data.filter((a) => !taken.has(a.id)) : [];
          return (
            <>
              {list.length === 0 ? (
                <p>No reviewers.</p>
              ) : (
                <ul className="card-list" aria-label="Reviewers">
                  {list.map((r) => (
                    <li key={r.userId} className="card group-card">
                      <span>
                        <strong>{r.name}</strong> <span className="muted">since {dateFormat.format(new Date(r.grantedAt))}</span>
                      </span>
                      <button
                        type="button"
                        className="button quiet"
                        disabled={busy}
                        onClick={() => void run(() => removeReviewer(group.id, r.userId))}
                      >
                        Remove {r.name}
                      </button>
                    </li>
                  ))}
                </ul>
              )}
              <form className="add-member" onSubmit={add}>
                <div className="field">
                  <label htmlFor="new-reviewer">New reviewer</label>
                  <select id="new-reviewer" name="userId" key={candidates.length} defaultValue="" required>
                    <option value="" disabled>
                      {candidates.length === 0 ? 'No other accounts' : 'Choose an account'}
                    </option>
                    {candidates.map((a) => (
                      <option key={a.id} value={a.id}>
                        {a.name}
                      </option>
                    ))}
                  </select>
                  {accounts.status === 'failed' && <p className="field-error">{accounts.message}</p>}
                </div>
                <button type="submit" className="button" disabled={busy || candidates.length === 0}>
                  Add reviewer
                </button>
              </form>
            </>
          );
        }}
      </ResourceView>
      <ErrorMessage message={error} />
    </section>
  );
}
