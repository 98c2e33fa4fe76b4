import { createFirstAccount } from '../../api/endpoints.js';
import { ErrorMessage } from '../../ui/ErrorMessage.js';
import { NewAccountFields } from '../../ui/NewAccountFields.js';
import { useFormAction } from '../../ui/useFormAction.js';
import { formText } from '../../ui/formText.js';
import { browserPlace, ClinicZoneField } from '../../ui/ClinicZoneField.js';

/** Offered only by a server with no account yet; the account made here is an admin. */
export function FirstAccountPage({ onCreated }: { onCreated: () => Promise<void> }) {
  const place = browserPlace();
  const { submit, busy, error } = useFormAction(async (form) => {
    await createFirstAccount({
      name: formText(form, 'name').trim(),
      email: formText(form, 'email').trim(),
      password: formText(form, 'password'),
      clinicTimeZone: formText(form, 'clinicTimeZone'),
      // Times are written the way this browser's language writes them; an admin can change it.
      clinicLocale: place.locale,
    });
    await onCreated();
  });

  return (
    <main className="auth-page">
      <form className="card auth-card" onSubmit={submit}>
        <h1>Create the first account</h1>
        <p className="muted">This server has no account yet. The account you create now can add the other facilitators.</p>
        <NewAccountFields />
        <ClinicZoneField current={place.timeZone} />
        <ErrorMessage message={error} />
        <button type="submit" className="button primary" disabled={busy}>
          Create account
        </button>
      </form>
    </main>
  );
}
