import { useState, type FormEvent } from 'react';
import { HttpError } from '../../api/http.js';
import { ErrorMessage } from '../../ui/ErrorMessage.js';
import { Field } from '../../ui/Field.js';
import { signInWithPassword } from '../security/api.js';
import { TwoFactorStep } from '../security/TwoFactorStep.js';

/**
 * Email and password; with two-factor sign-in on, then the code. On success the app asks the
 * server who we are and moves on.
 */
export function SignInPage({ onSignedIn }: { onSignedIn: () => Promise<void> }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [needsCode, setNeedsCode] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const answer = await signInWithPassword(String(form.get('email')), String(form.get('password')));
      if (answer?.twoFactorRedirect) {
        setNeedsCode(true);
        setBusy(false);
        return;
      }
      await onSignedIn();
    } catch (failure) {
      setError(failure instanceof HttpError && failure.status === 401 ? 'That email and password do not match an account.' : messageOf(failure));
      setBusy(false);
    }
  }

  if (needsCode) {
    return (
      <main className="auth-page">
        <TwoFactorStep onSignedIn={onSignedIn} onCancel={() => setNeedsCode(false)} />
      </main>
    );
  }

  return (
    <main className="auth-page">
      <form className="card auth-card" onSubmit={submit}>
        <h1>Sign in</h1>
        <Field label="Email" name="email" type="email" autoComplete="username" required />
        <Field label="Password" name="password" type="password" autoComplete="current-password" required />
        <ErrorMessage message={error} />
        <button type="submit" className="button primary" disabled={busy}>
          Sign in
        </button>
      </form>
    </main>
  );
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : 'Something went wrong.';
}
