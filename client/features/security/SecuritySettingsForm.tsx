import { useState, type FormEvent } from 'react';
import { useResource } from '../../api/useResource.js';
import { Field } from '../../ui/Field.js';
import { SaveRow } from '../../ui/SaveRow.js';
import { ResourceView } from '../../ui/ResourceView.js';
import { getSettings, saveSettings } from './api.js';

const load = () => getSettings().then((r) => r.settings);

/** Admin only (the server checks): require 2FA for everyone, and the idle-lock time. */
export function SecuritySettingsForm() {
  const [settings, reload] = useResource(load);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setError(null);
    setSaved(false);
    try {
      await saveSettings({ requireTwoFactor: form.get('requireTwoFactor') === 'on', idleLockMinutes: Number(form.get('idleLockMinutes')) });
      setSaved(true);
      reload();
    } catch (failure) {
      setError(String((failure as Error).message));
    }
  }

  return (
    <section className="section" aria-labelledby="security-settings-heading">
      <h2 id="security-settings-heading">Security settings</h2>
      <ResourceView resource={settings} retry={reload}>
        {(current) => (
          <form onSubmit={(event) => void submit(event)}>
            <label className="choice">
              <input type="checkbox" name="requireTwoFactor" defaultChecked={current.requireTwoFactor} />
              Require two-factor sign-in for everyone
            </label>
            <Field
              label="Idle lock minutes"
              name="idleLockMinutes"
              type="number"
              min={1}
              max={240}
              required
              defaultValue={current.idleLockMinutes}
              hint="Outside a live session, an unused screen locks after this long."
            />
            <SaveRow error={error} saved={saved} label="Save settings" />
          </form>
        )}
      </ResourceView>
    </section>
  );
}
