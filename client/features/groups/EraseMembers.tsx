import { useState } from 'react';
import type { GroupSummary } from '../../../shared/schemas/rest.js';
import { ErrorMessage } from '../../ui/ErrorMessage.js';
import { Modal } from '../../ui/Modal.js';
import { describeFailure } from '../../ui/useFormAction.js';
import { eraseMember } from './groupApi.js';

type Member = GroupSummary['members'][number];

/**
 * For a group's lead: erasing a member (docs/privacy.md D11), apart from the roster editor so a
 * tap meant for "Remove" never lands here. The confirmation says plainly that it is for good.
 */
export function EraseMembers({ group, onErased }: { group: GroupSummary; onErased: () => void }) {
  const [target, setTarget] = useState<Member | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const members = group.members.toSorted((a, b) => a.seat - b.seat);

  async function erase(member: Member) {
    setBusy(true);
    setError(null);
    try {
      await eraseMember(group.id, member.id);
      setDone(`${member.name} was erased.`);
      onErased();
    } catch (failure) {
      setError(describeFailure(failure));
    } finally {
      setBusy(false);
      setTarget(null);
    }
  }

  return (
    <section className="section" aria-labelledby="erase-heading">
      <h2 id="erase-heading">Erase a member</h2>
      <p className="muted">
        When a member asks to be forgotten: their name is replaced by “Erased” everywhere, in past sessions, reviews and exports too. To
        take someone off the roster and keep their name in past records, use Remove in Edit group instead.
      </p>
      {done && (
        <p className="saved-note" role="status">
          {done}
        </p>
      )}
      {members.length === 0 ? (
        <p className="muted">No members.</p>
      ) : (
        <ul className="erase-list">
          {members.map((m) => (
            <li key={m.id}>
              <button type="button" className="button danger-quiet wrap" onClick={() => setTarget(m)}>
                Erase {m.name}
              </button>
            </li>
          ))}
        </ul>
      )}
      <ErrorMessage message={error} />
      {target && (
        <Modal title={`Erase ${target.name}?`} onClose={() => setTarget(null)}>
          <p>
            This is permanent and cannot be undone. {target.name}’s name is replaced by “Erased” in this group’s roster, in every past
            session, review and export, and on any live screen. They leave the roster.
          </p>
          <p>Notes and flags that facilitators wrote about them stay as written until those sessions are purged.</p>
          <div className="modal-actions">
            <button type="button" className="button" onClick={() => setTarget(null)} autoFocus>
              Keep
            </button>
            <button type="button" className="button danger wrap" disabled={busy} onClick={() => void erase(target)}>
              Erase {target.name}
            </button>
          </div>
        </Modal>
      )}
    </section>
  );
}
