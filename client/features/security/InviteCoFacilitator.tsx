import { useState } from 'react';
import type { InviteCreated } from '../../../shared/schemas/security.js';
import { ErrorMessage } from '../../ui/ErrorMessage.js';
import { createInvite } from './api.js';

/**
 * For a group's lead: a one-time link for a co-facilitator who has no account yet (S15). The
 * link is shown once; whoever accepts it becomes this group's co-facilitator.
 */
export function InviteCoFacilitator({ groupId }: { groupId: string }) {
  const [created, setCreated] = useState<InviteCreated | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function make() {
    setError(null);
    try {
      setCreated(await createInvite(groupId));
    } catch (failure) {
      setError(String((failure as Error).message));
    }
  }

  return (
    <section className="section" aria-labelledby="invite-heading">
      <h2 id="invite-heading">Invite a co-facilitator</h2>
      {created ? (
        <>
          <p>
            Send this link to the new co-facilitator. It works once, until {new Date(created.expiresAt).toLocaleString()}. Accepting it
            makes them this group’s co-facilitator.
          </p>
          <p className="card">
            <code aria-label="Invite link">{created.url}</code>
          </p>
        </>
      ) : (
        <button type="button" className="button" onClick={() => void make()}>
          Invite co-facilitator
        </button>
      )}
      <ErrorMessage message={error} />
    </section>
  );
}
