import { useState, type FormEvent } from 'react';
import { HttpError } from '../../api/http.js';
import { ErrorMessage } from '../../ui/ErrorMessage.js';
import { Field } from '../../ui/Field.js';
import { verifyBackupCode, verifyTotp } from '../../api/endpoints.js';
import { formText } from '../../ui/formText.js';

/**
 * The second step of sign-in: six digits from the authenticator app, or one backup code
 * (those have a dash, so one field takes either and the shape says which).
 */
export function TwoFactorStep({ onSignedIn, onCancel }: { onSignedIn: () => Promise<void>; onCancel: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = formText(new FormData(event.currentTarget), 'code').trim();
    setBusy(true);
    setError(null);
    try {
      await (/^\d{6}$/.test(code) ? verifyTotp(code) : verifyBackupCode(code));
      await onSignedIn();
    } catch (failure) {
      // A code already used (S23) says so: the person waits for the next one rather than retyping.
      const used = failure instanceof HttpError && failure.code === 'TOTP_CODE_USED';
      setError(
        failure instanceof HttpError && failure.status === 401 && !used
          ? 'That code is not right, or has expired. Try the current one.'
          : String((failure as Error).message),
      );
      setBusy(false);
    }
  }

  return (
    <form className="card auth-card" onSubmit={(event) => void submit(event)}>
      <h1>Two-factor sign-in</h1>
      <p className="muted">Enter the 6-digit code from your authenticator app, or one of your backup codes.</p>
      <Field label="Authentication code" name="code" autoComplete="one-time-code" inputMode="text" required maxLength={20} autoFocus />
      <ErrorMessage message={error} />
      <button type="submit" className="button primary" disabled={busy}>
        Verify
      </button>
      <button type="button" className="button quiet" onClick={onCancel}>
        Back
      </button>
    </form>
  );
}
