import { useState, type FormEvent } from 'react';
import { ErrorMessage } from '../../ui/ErrorMessage.js';
import { Field } from '../../ui/Field.js';
import { disableTwoFactor, newBackupCodes } from './api.js';
import { BackupCodes } from './BackupCodes.js';
import { formText } from '../../ui/formText.js';

/** With 2FA on: new backup codes, or turning it off (refused by the server while required). */
export function TwoFactorManage({ onChanged }: { onChanged: () => void }) {
  const [codes, setCodes] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const password = formText(new FormData(form), 'password');
    const action = (event.nativeEvent as SubmitEvent).submitter?.getAttribute('value');
    setBusy(true);
    setError(null);
    try {
      if (action === 'codes') setCodes((await newBackupCodes(password)).backupCodes);
      else {
        await disableTwoFactor(password);
        onChanged();
      }
      form.reset();
    } catch (failure) {
      setError(String((failure as Error).message));
    }
    setBusy(false);
  }

  if (codes) return <BackupCodes codes={codes} onSaved={() => setCodes(null)} />;
  return (
    <form onSubmit={(event) => void submit(event)}>
      <p>On. Each sign-in asks for a code from your authenticator app.</p>
      <Field label="Password" name="password" type="password" autoComplete="current-password" required />
      <ErrorMessage message={error} />
      <button type="submit" name="action" value="codes" className="button" disabled={busy}>
        New backup codes
      </button>
      <button type="submit" name="action" value="off" className="button quiet" disabled={busy}>
        Turn off two-factor sign-in
      </button>
    </form>
  );
}
