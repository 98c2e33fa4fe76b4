import { useState, type FormEvent } from 'react';
import { LIMITS } from '../../../../shared/schemas/common.js';
import { Modal } from '../../../ui/Modal.js';
import { useLiveSession, useView } from '../liveContext.js';
import { nameOf } from '../members.js';
import { FormActions } from '../../../ui/FormActions.js';

/**
 * What the facilitator who called a crisis pause sees next: a one-line note, already about the
 * member, saved with one tap (or Enter). Closing it leaves the session paused.
 */
export function CrisisSheet({ memberId, close }: { memberId: string | null; close: () => void }) {
  const live = useLiveSession();
  const view = useView();
  const [text, setText] = useState('');

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const line = text.trim();
    if (line) void live.send({ type: 'note.add', text: line, memberId, private: false });
    close();
  }

  return (
    <Modal title="Crisis pause" onClose={close}>
      <form onSubmit={submit} className="dialog-form">
        <p className="muted">
          Session paused, Risk flagged{memberId ? ` about ${nameOf(view, memberId)}` : ''}, and the other facilitator told “I'll take this”.
        </p>
        <div className="field">
          <label htmlFor="crisis-note">One-line note</label>
          <input id="crisis-note" value={text} onChange={(e) => setText(e.target.value)} maxLength={LIMITS.flagText} autoFocus />
        </div>
        <FormActions onCancel={close} cancelLabel="Close" submitLabel="Save note" />
      </form>
    </Modal>
  );
}
