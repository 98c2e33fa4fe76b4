import { useState } from 'react';
import { useResource } from '../../api/useResource.js';
import { PageShell } from '../../app/PageShell.js';
import { useSignedIn } from '../auth/authState.js';
import { ResourceView } from '../../ui/ResourceView.js';
import { getMe } from './api.js';
import { SecuritySettingsForm } from './SecuritySettingsForm.js';
import { TwoFactorManage } from './TwoFactorManage.js';
import { TwoFactorSetup } from './TwoFactorSetup.js';

/** The signed-in account: two-factor sign-in, and for an admin the server's security settings. */
export function AccountPage() {
  const { user } = useSignedIn();
  const [me, reload] = useResource(getMe);
  const [settingUp, setSettingUp] = useState(false);
  return (
    <PageShell title="Account">
      <section className="section" aria-labelledby="two-factor-heading">
        <h2 id="two-factor-heading">Two-factor sign-in</h2>
        <ResourceView resource={me} retry={reload}>
          {({ twoFactorEnabled }) =>
            twoFactorEnabled && !settingUp ? (
              <TwoFactorManage onChanged={reload} />
            ) : settingUp ? (
              <TwoFactorSetup onDone={async () => { setSettingUp(false); reload(); }} />
            ) : (
              <>
                <p>Off. Turn it on so that a password alone cannot open this account.</p>
                <button type="button" className="button primary" onClick={() => setSettingUp(true)}>Set up two-factor sign-in</button>
              </>
            )
          }
        </ResourceView>
      </section>
      {user.admin && <SecuritySettingsForm />}
    </PageShell>
  );
}
