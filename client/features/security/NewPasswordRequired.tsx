import { ErrorMessage } from '../../ui/ErrorMessage.js';
import { Field } from '../../ui/Field.js';
import { NewPasswordField } from '../../ui/NewAccountFields.js';
import { useFormAction } from '../../ui/useFormAction.js';
import { changePassword } from './api.js';
import { formText } from '../../ui/formText.js';

/**
 * After an admin reset the password (docs/security.md S43): the temporary one signs in, but
 * nothing else opens until the person has chosen their own.
 */
export function NewPasswordRequired({ onChanged, onSignOut }: { onChanged: () => Promise<void>; onSignOut: () => Promise<void> }) {
  const { submit, busy, error } = useFormAction(async (form) => {
    const current = formText(form, 'currentPassword');
    const next = formText(form, 'newPassword');
    if (next !== formText(form, 'repeatPassword')) throw new Error('The two new passwords are not the same.');
    await changePassword(current, next);
    await onChanged();
  });
  return (
    <main className="auth-page">
      <div className="card auth-card">
        <h1>Choose a new password</h1>
        <p className="muted">An admin reset your password. Choose your own before you continue.</p>
        <form onSubmit={(e) => void submit(e)}>
          <Field label="Temporary password" name="currentPassword" type="password" autoComplete="current-password" required />
          <NewPasswordField label="New password" name="newPassword" />
          <NewPasswordField label="New password again" name="repeatPassword" hint={false} />
          <ErrorMessage message={error} />
          <button type="submit" className="button primary" disabled={busy}>
            Save new password
          </button>
        </form>
        <button type="button" className="button quiet" onClick={() => void onSignOut()}>
          Sign out
        </button>
      </div>
    </main>
  );
}
