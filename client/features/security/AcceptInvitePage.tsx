import { useCallback } from 'react';
import { useResource } from '../../api/useResource.js';
import { navigate } from '../../shell/router.js';
import { ErrorMessage } from '../../ui/ErrorMessage.js';
import { NewAccountFields } from '../../ui/NewAccountFields.js';
import { ResourceView } from '../../ui/ResourceView.js';
import { useFormAction } from '../../ui/useFormAction.js';
import { acceptInvite, getInvite } from './api.js';
import { formText } from '../../ui/formText.js';

/** The page an invite link opens (S15, S16): who invites, then the new account's details. */
export function AcceptInvitePage({ token, onAccepted }: { token: string; onAccepted: () => Promise<void> }) {
  const load = useCallback(() => getInvite(token), [token]);
  const [invite, retry] = useResource(load);
  const { submit, busy, error } = useFormAction(async (form) => {
    const { groupId } = await acceptInvite(token, {
      name: formText(form, 'name').trim(),
      email: formText(form, 'email').trim(),
      password: formText(form, 'password'),
    });
    navigate({ name: 'group', groupId });
    await onAccepted();
  });

  return (
    <main className="auth-page">
      <div className="card auth-card">
        <h1>Join as co-facilitator</h1>
        <ResourceView resource={invite} retry={retry}>
          {(info) => (
            <form onSubmit={submit}>
              <p>{info.invitedBy} invites you to co-facilitate a group. Create your account to accept.</p>
              <NewAccountFields />
              <ErrorMessage message={error} />
              <button type="submit" className="button primary" disabled={busy}>
                Accept invite
              </button>
            </form>
          )}
        </ResourceView>
      </div>
    </main>
  );
}
