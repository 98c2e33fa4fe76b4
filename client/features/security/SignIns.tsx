import { useState } from 'react';
import type { SignInSummary } from '../../../shared/schemas/accounts.js';
import { useResource } from '../../api/useResource.js';
import { ErrorMessage } from '../../ui/ErrorMessage.js';
import { ResourceView } from '../../ui/ResourceView.js';
import { describeFailure } from '../../ui/useFormAction.js';
import { endMySignIn, getMySignIns } from './api.js';

const when = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const nameOf = (s: SignInSummary) => s.device ?? 'Unknown device';

/** Where this account is signed in, and ending any other sign-in at once (docs/security.md S44). */
export function SignIns() {
  const [signIns, reload] = useResource(getMySignIns);
  const [error, setError] = useState<string | null>(null);
  const [ended, setEnded] = useState<string | null>(null);
  async function end(signIn: SignInSummary) {
    setError(null);
    try {
      await endMySignIn(signIn.id);
      setEnded(`Signed out ${nameOf(signIn)}.`);
      reload();
    } catch (failure) {
      setError(describeFailure(failure));
    }
  }
  return (
    <section className="section" aria-labelledby="sign-ins-heading">
      <h2 id="sign-ins-heading">Where you are signed in</h2>
      <ResourceView resource={signIns} retry={reload}>
        {({ signIns: list }) => (
          <ul className="card-list" aria-label="Your sign-ins">
            {list.map((s) => (
              <li key={s.id} className="card group-card">
                <span>
                  <strong>{nameOf(s)}</strong>
                  {s.current && ' (this screen)'}
                </span>
                <span className="muted">
                  {s.address ? `From ${s.address}. ` : ''}Signed in {when(s.signedInAt)}; last active {when(s.lastActiveAt)}.
                </span>
                {!s.current && (
                  <button
                    type="button"
                    className="button quiet"
                    onClick={() => void end(s)}
                    aria-label={`Sign out ${nameOf(s)}, last active ${when(s.lastActiveAt)}`}
                  >
                    Sign out
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
      </ResourceView>
      <ErrorMessage message={error} />
      {ended && (
        <p role="status" className="saved-note">
          {ended}
        </p>
      )}
    </section>
  );
}
