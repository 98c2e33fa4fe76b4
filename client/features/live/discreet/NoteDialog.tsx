import type { FormEvent } from 'react';
import { LIMITS } from '../../../../shared/schemas/common.js';
import { Modal } from '../../../ui/Modal.js';
import { useLiveSession } from '../liveContext.js';
import { MemberSelect } from './MemberSelect.js';
import { formText } from '../../../ui/formText.js';
import { FormActions } from '../../../ui/FormActions.js';

/** A clinician-only note; "private" ones stay out of exports and the printed report. */
export function NoteDialog({ memberId, close }: { memberId: string | null; close: () => void }) {
  const live = useLiveSession();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = formText(form, 'text').trim();
    if (!text) return;
    void live.send({ type: 'note.add', text, memberId: formText(form, 'memberId') || null, private: form.get('private') === 'on' });
    close();
  }

  return (
    <Modal title="Add note" onClose={close}>
      <form onSubmit={submit} className="dialog-form">
        <div className="field">
          <label htmlFor="note-text">Note</label>
          <textarea id="note-text" name="text" rows={4} maxLength={LIMITS.note} required autoFocus />
        </div>
        <MemberSelect defaultValue={memberId} />
        <label className="choice">
          <input type="checkbox" name="private" />
          Private: leave out of exports
        </label>
        <FormActions onCancel={close} submitLabel="Save note" />
      </form>
    </Modal>
  );
}
