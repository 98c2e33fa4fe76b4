import { useState } from 'react';
import { useResource } from '../../api/useResource.js';
import { PageShell } from '../../shell/PageShell.js';
import { Field } from '../../ui/Field.js';
import { SaveRow } from '../../ui/SaveRow.js';
import { ResourceView } from '../../ui/ResourceView.js';
import { useFormAction } from '../../ui/useFormAction.js';
import { getRetention, saveRetention } from './adminApi.js';
import { PurgeNow } from './PurgeNow.js';
import './admin.css';
import { formText } from '../../ui/formText.js';

const MAX_DAYS = 36_500;

/**
 * How long ended sessions are kept (docs/privacy.md D7, D8): empty keeps them for ever, the
 * default. The purge runs daily by itself; "Purge now" runs it at once.
 */
export function RetentionPage() {
  const [setting, reload] = useResource(getRetention);
  const [saved, setSaved] = useState(false);
  const { submit, busy, error } = useFormAction(async (form) => {
    const text = formText(form, 'retentionDays').trim();
    setSaved(false);
    await saveRetention(text === '' ? null : Number(text));
    setSaved(true);
    reload();
  });

  return (
    <PageShell title="Data retention">
      <ResourceView resource={setting} retry={reload}>
        {({ retentionDays }) => (
          <>
            <section className="section" aria-labelledby="retention-heading">
              <h2 id="retention-heading">Retention</h2>
              <p>
                {retentionDays === null
                  ? 'Ended sessions are kept for ever.'
                  : `Ended sessions are deleted ${retentionDays} ${retentionDays === 1 ? 'day' : 'days'} after they end, with their phase log, notes, flags and reviews.`}{' '}
                Live sessions and groups are never deleted.
              </p>
              {/* Keyed on the value so the field shows the saved setting after a save. */}
              <form key={String(retentionDays)} onSubmit={(e) => void submit(e)}>
                <Field
                  label="Retention days"
                  name="retentionDays"
                  type="number"
                  min={1}
                  max={MAX_DAYS}
                  step={1}
                  defaultValue={retentionDays ?? ''}
                  hint="Days an ended session is kept, from 1 to 36,500. Leave empty to keep ended sessions for ever."
                />
                <SaveRow error={error} saved={saved} busy={busy} label="Save retention" />
              </form>
            </section>
            <PurgeNow retentionDays={retentionDays} />
          </>
        )}
      </ResourceView>
    </PageShell>
  );
}
