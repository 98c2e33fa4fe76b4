import type { FormEvent } from 'react';
import { FLAG_KINDS, FLAG_LABELS, type FlagKind } from '../../../../shared/schemas/commands.js';
import { LIMITS } from '../../../../shared/schemas/common.js';
import { Modal } from '../../../ui/Modal.js';
import { useLiveSession } from '../liveContext.js';
import { MemberSelect } from './MemberSelect.js';
import { formText } from '../../../ui/formText.js';
import { FormActions } from '../../../ui/FormActions.js';

/** Flag a concern: its kind, the member or the group, and a few optional words. */
export function FlagDialog({ memberId, close }: { memberId: string | null; close: () => void }) {
  const live = useLiveSession();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = formText(form, 'text').trim();
    void live.send({
      type: 'flag.raise',
      kind: formText(form, 'kind') as FlagKind,
      memberId: formText(form, 'memberId') || null,
      text: text || null,
    });
    close();
  }

  return (
    <Modal title="Flag concern" onClose={close}>
      <form onSubmit={submit} className="dialog-form">
        <fieldset className="choice-group">
          <legend>Kind</legend>
          {FLAG_KINDS.map((kind, index) => (
            <label key={kind} className="choice">
              <input type="radio" name="kind" value={kind} defaultChecked={index === 0} required />
              {FLAG_LABELS[kind]}
            </label>
          ))}
        </fieldset>
        <MemberSelect defaultValue={memberId} />
        <div className="field">
          <label htmlFor="flag-text">Details (optional)</label>
          <textarea id="flag-text" name="text" rows={2} maxLength={LIMITS.flagText} />
        </div>
        <FormActions onCancel={close} submitLabel="Save flag" />
      </form>
    </Modal>
  );
}
