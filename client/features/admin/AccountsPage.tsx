import { useState } from 'react';
import type { AccountSummary } from '../../../shared/schemas/accounts.js';
import { useResource } from '../../api/useResource.js';
import { PageShell } from '../../shell/PageShell.js';
import { useSignedIn } from '../auth/authState.js';
import { ErrorMessage } from '../../ui/ErrorMessage.js';
import { ResourceView } from '../../ui/ResourceView.js';
import { describeFailure } from '../../ui/useFormAction.js';
import { disableAccount, enableAccount, getAccounts, resetPassword, setAdmin, signOutEverywhere } from './adminApi.js';
import './admin.css';

/** A reset's temporary password, shown once on this page and gone when it is left. */
interface Shown {
  name: string;
  password: string;
}

const stateOf = (a: AccountSummary) =>
  [
    a.admin ? 'Admin' : 'Facilitator',
    a.disabled && 'disabled',
    a.mustChangePassword && 'must choose a new password',
    `${a.signIns} active sign-in${a.signIns === 1 ? '' : 's'}`,
  ]
    .filter(Boolean)
    .join(' · ');

/**
 * The account lifecycle (docs/security.md S42, S43): someone who left is disabled — signed out
 * everywhere at once, their console closed — never deleted, so past records keep their name.
 */
export function AccountsPage() {
  const { user } = useSignedIn();
  const [accounts, reload] = useResource(getAccounts);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [shown, setShown] = useState<Shown | null>(null);
  const [busy, setBusy] = useState(false);

  async function act(work: () => Promise<string>) {
    setBusy(true);
    setError(null);
    setDone(null);
    setShown(null);
    try {
      setDone(await work());
      reload();
    } catch (failure) {
      setError(describeFailure(failure));
    } finally {
      setBusy(false);
    }
  }

  const actions = (a: AccountSummary) => [
    a.disabled
      ? { label: `Enable ${a.name}`, text: 'Enable', run: async () => (await enableAccount(a.id), `${a.name} can sign in again.`) }
      : {
          label: `Disable ${a.name}`,
          text: 'Disable',
          run: async () => (await disableAccount(a.id), `${a.name} is disabled and signed out everywhere.`),
        },
    a.admin
      ? {
          label: `Remove admin from ${a.name}`,
          text: 'Remove admin',
          run: async () => (await setAdmin(a.id, false), `${a.name} is no longer an admin.`),
        }
      : {
          label: `Make ${a.name} an admin`,
          text: 'Make admin',
          run: async () => (await setAdmin(a.id, true), `${a.name} is now an admin.`),
        },
    {
      label: `Reset the password of ${a.name}`,
      text: 'Reset password',
      run: async () => {
        const { temporaryPassword } = await resetPassword(a.id);
        setShown({ name: a.name, password: temporaryPassword });
        return `${a.name} is signed out everywhere and must choose a new password at next sign-in.`;
      },
    },
    {
      label: `Sign ${a.name} out everywhere`,
      text: 'Sign out everywhere',
      run: async () => (await signOutEverywhere(a.id), `${a.name} is signed out everywhere.`),
    },
  ];

  return (
    <PageShell title="Accounts">
      <p className="muted">
        Someone who has left the clinic is disabled, not deleted: they are signed out everywhere at once, cannot sign in, and past records
        keep their name. Every change here is in the audit log.
      </p>
      <ErrorMessage message={error} />
      {done && (
        <p role="status" className="saved-note">
          {done}
        </p>
      )}
      {shown && (
        <div className="card" role="alert" aria-label="Temporary password">
          <p>
            Temporary password for {shown.name}: <code>{shown.password}</code>
          </p>
          <p className="muted">It is shown only this once. Give it to them in person; they choose their own at next sign-in.</p>
          <button type="button" className="button" onClick={() => setShown(null)}>
            Done
          </button>
        </div>
      )}
      <ResourceView resource={accounts} retry={reload}>
        {({ accounts: list }) => (
          <ul className="card-list" aria-label="Accounts">
            {list.map((a) => (
              <li key={a.id} className="card group-card" aria-label={a.name}>
                <span>
                  <strong>{a.name}</strong> <span className="muted">{a.email}</span>
                </span>
                <span className="muted">{stateOf(a)}</span>
                <span className="account-actions">
                  {actions(a)
                    .filter((action) => a.id !== user.id || action.text === 'Remove admin' || action.text === 'Sign out everywhere')
                    .map((action) => (
                      <button
                        key={action.text}
                        type="button"
                        className="button quiet"
                        aria-label={action.label}
                        disabled={busy}
                        onClick={() => void act(action.run)}
                      >
                        {action.text}
                      </button>
                    ))}
                </span>
              </li>
            ))}
          </ul>
        )}
      </ResourceView>
    </PageShell>
  );
}
