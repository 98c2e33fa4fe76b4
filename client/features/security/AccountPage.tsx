import { useState } from 'react';
import { useResource } from '../../api/useResource.js';
import { PageShell } from '../../shell/PageShell.js';
import { href } from '../../shell/router.js';
import { useSignedIn } from '../auth/authState.js';
import { ResourceView } from '../../ui/ResourceView.js';
import { getMe } from '../../api/endpoints.js';
import { ClinicPlaceForm } from './ClinicPlaceForm.js';
import { SecuritySettingsForm } from './SecuritySettingsForm.js';
import { SignIns } from './SignIns.js';
import { TwoFactorManage } from './TwoFactorManage.js';
import { TwoFactorSetup } from './TwoFactorSetup.js';

/** The signed-in account: two-factor sign-in, and for an admin the server's settings and admin pages. */
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
              <TwoFactorSetup
                onDone={() => {
                  setSettingUp(false);
                  reload();
                }}
              />
            ) : (
              <>
                <p>Off. Turn it on so that a password alone cannot open this account.</p>
                <button type="button" className="button primary" onClick={() => setSettingUp(true)}>
                  Set up two-factor sign-in
                </button>
              </>
            )
          }
        </ResourceView>
      </section>
      <SignIns />
      {user.admin && <SecuritySettingsForm />}
      {user.admin && <ClinicPlaceForm />}
      {user.admin && (
        <section className="section" aria-labelledby="admin-heading">
          <h2 id="admin-heading">Administration</h2>
          <ul className="card-list">
            <li className="card group-card">
              <a className="group-link" href={href({ name: 'accounts' })}>
                Accounts
              </a>
              <span className="muted">Disable someone who left, admins, password resets, sign-outs</span>
            </li>
            <li className="card group-card">
              <a className="group-link" href={href({ name: 'audit' })}>
                Audit log
              </a>
              <span className="muted">Sign-ins, reads, exports and changes, by date</span>
            </li>
            <li className="card group-card">
              <a className="group-link" href={href({ name: 'retention' })}>
                Data retention
              </a>
              <span className="muted">How long ended sessions are kept; purge</span>
            </li>
          </ul>
        </section>
      )}
    </PageShell>
  );
}
