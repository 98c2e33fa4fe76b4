import { useState } from 'react';
import { useResource } from '../../api/useResource.js';
import { ClinicZoneField } from '../../ui/ClinicZoneField.js';
import { Field } from '../../ui/Field.js';
import { SaveRow } from '../../ui/SaveRow.js';
import { formText } from '../../ui/formText.js';
import { ResourceView } from '../../ui/ResourceView.js';
import { useFormAction } from '../../ui/useFormAction.js';
import { getSettings, saveSettings } from './api.js';

const load = () => getSettings().then((r) => r.settings);

/** Admin only (the server checks, and audits the change: D30): the zone and locale the record writes times in (R26). */
export function ClinicPlaceForm() {
  const [settings, reload] = useResource(load);
  const [saved, setSaved] = useState(false);
  const { submit, busy, error } = useFormAction(async (form) => {
    setSaved(false);
    await saveSettings({ clinicTimeZone: formText(form, 'clinicTimeZone'), clinicLocale: formText(form, 'clinicLocale').trim() });
    setSaved(true);
    reload();
  });
  return (
    <section className="section" aria-labelledby="clinic-place-heading">
      <h2 id="clinic-place-heading">Clinic time</h2>
      <ResourceView resource={settings} retry={reload}>
        {(current) => (
          <form onSubmit={submit}>
            <ClinicZoneField current={current.clinicTimeZone} />
            <Field
              label="Clinic locale"
              name="clinicLocale"
              required
              maxLength={35}
              defaultValue={current.clinicLocale}
              hint="How times and dates are written, e.g. en-US (1:39 PM), en-GB or de-DE (13:39)."
            />
            <SaveRow error={error} saved={saved} busy={busy} label="Save clinic time" />
          </form>
        )}
      </ResourceView>
    </section>
  );
}
