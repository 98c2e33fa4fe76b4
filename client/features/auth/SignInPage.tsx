import { useState } from 'react';
import { HttpError } from '../../api/http.js';
import { ErrorMessage } from '../../ui/ErrorMessage.js';
import { Field } from '../../ui/Field.js';
import { describeFailure, useFormAction } from '../../ui/useFormAction.js';
import { signInWithPassword } from '../../api/endpoints.js';
import { TwoFactorStep } from './TwoFactorStep.js';
import { formText } from '../../ui/formText.js';

/**
 * Email and password; with two-factor sign-in on, then the code. On success the app asks the
 * server who we are and moves on.
 */
export function SignInPage({ onSignedIn }: { onSignedIn: () => Promise<void> }) {
  const [needsCode, setNeedsCode] = useState(false);
  const { submit, busy, error } = useFormAction(
    async (form) => {
      const answer = await signInWithPassword(formText(form, 'email'), formText(form, 'password'));
      if (answer?.twoFactorRedirect) setNeedsCode(true);
      else await onSignedIn();
    },
    (failure) =>
      failure instanceof HttpError && failure.status === 401
        ? 'That email and password do not match an account.'
        : describeFailure(failure),
  );

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
