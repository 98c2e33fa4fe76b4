import { useState, type FormEvent } from 'react';
import { HttpError } from '../../api/http.js';
import { ErrorMessage } from '../../ui/ErrorMessage.js';
import { Field } from '../../ui/Field.js';
import { unlockScreen } from './api.js';
import { formText } from '../../ui/formText.js';

/**
 * Shown instead of everything while the server holds this screen locked (docs/security.md S18).
 * It names who locked it so a colleague knows whose password is asked, and nothing else.
 */
export function LockScreen({
  userName,
  onUnlocked,
  onSignOut,
}: {
  userName: string;
  onUnlocked: () => Promise<void>;
  onSignOut: () => Promise<void>;
}) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    setBusy(true);
    setError(null);
    try {
      await unlockScreen(formText(new FormData(form), 'password'));
      await onUnlocked();
    } catch (failure) {
      form.reset();
      setError(failure instanceof HttpError && failure.status === 403 ? 'That password is not right.' : String((failure as Error).message));
      setBusy(false);
    }
  }

  return (
    <main className="auth-page">
      <form className="card auth-card" onSubmit={(event) => void submit(event)}>
        <h1>Screen locked</h1>
        <p className="muted">Locked after a while without use. {userName}, enter your password to continue.</p>
        <Field label="Password" name="password" type="password" autoComplete="current-password" required autoFocus />
        <ErrorMessage message={error} />
        <button type="submit" className="button primary" disabled={busy}>
          Unlock
        </button>
        <button type="button" className="button quiet" onClick={() => void onSignOut()}>
          Sign out
        </button>
      </form>
    </main>
  );
}
