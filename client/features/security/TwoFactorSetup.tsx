import { useState, type FormEvent } from 'react';
import { ErrorMessage } from '../../ui/ErrorMessage.js';
import { Field } from '../../ui/Field.js';
import { verifyTotp } from '../../api/endpoints.js';
import { enableTwoFactor } from './api.js';
import { BackupCodes } from './BackupCodes.js';
import { formText } from '../../ui/formText.js';

type Step = { name: 'password' } | { name: 'scan'; totpURI: string; backupCodes: string[] } | { name: 'done'; backupCodes: string[] };

/**
 * Turning two-factor sign-in on: the password, then the app is set up from the otpauth address
 * (shown as text: no QR library is worth the weight), then one code proves it works. The backup
 * codes are shown once, at the end.
 */
export function TwoFactorSetup({ onDone }: { onDone: () => void | Promise<void> }) {
  const [step, setStep] = useState<Step>({ name: 'password' });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(event: FormEvent<HTMLFormElement>, work: (form: FormData) => Promise<void>) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await work(new FormData(event.currentTarget));
    } catch (failure) {
      setError(String((failure as Error).message));
    }
    setBusy(false);
  }

  if (step.name === 'done') return <BackupCodes codes={step.backupCodes} onSaved={onDone} />;

  if (step.name === 'scan') {
    const secret = new URL(step.totpURI).searchParams.get('secret') ?? '';
    return (
      <form
        className="section"
        onSubmit={(e) =>
          void run(e, async (form) => {
            await verifyTotp(formText(form, 'code').trim());
            setStep({ name: 'done', backupCodes: step.backupCodes });
          })
        }
      >
        <p>
          Add Holdspace to your authenticator app. On this device, <a href={step.totpURI}>open it in the app</a>; elsewhere, type this key:
        </p>
        <p className="card">
          <code aria-label="Setup key">{secret}</code>
        </p>
        <details>
          <summary>Full setup address</summary>
          {/* A CSSOM style (set by React), not a style attribute in markup: the CSP allows it. */}
          <p style={{ overflowWrap: 'anywhere' }}>
            <code>{step.totpURI}</code>
          </p>
        </details>
        <Field
          label="Code from the app"
          name="code"
          autoComplete="one-time-code"
          inputMode="numeric"
          pattern="\d{6}"
          required
          maxLength={6}
        />
        <ErrorMessage message={error} />
        <button type="submit" className="button primary" disabled={busy}>
          Turn on two-factor sign-in
        </button>
      </form>
    );
  }

  return (
    <form
      className="section"
      onSubmit={(e) =>
        void run(e, async (form) => {
          const { totpURI, backupCodes } = await enableTwoFactor(formText(form, 'password'));
          setStep({ name: 'scan', totpURI, backupCodes });
        })
      }
    >
      <p>Each sign-in will ask for a code from an authenticator app as well as your password.</p>
      <Field label="Password" name="password" type="password" autoComplete="current-password" required />
      <ErrorMessage message={error} />
      <button type="submit" className="button primary" disabled={busy}>
        Set up two-factor sign-in
      </button>
    </form>
  );
}
