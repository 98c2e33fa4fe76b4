import { useState } from 'react';
import { Modal } from '../../ui/Modal.js';
import { CommandButton } from '../live/CommandButton.js';

/** A planned session that does not take place is ended from the lobby, so nothing stays open. */
export function CancelSession() {
  const [confirming, setConfirming] = useState(false);
  return (
    <>
      <button type="button" className="button quiet" onClick={() => setConfirming(true)}>
        Cancel session
      </button>
      {confirming && (
        <Modal title="Cancel this session?" onClose={() => setConfirming(false)}>
          <p>The session is closed without starting, on both screens. Plan a new one when the group meets.</p>
          <div className="modal-actions">
            <button type="button" className="button" onClick={() => setConfirming(false)} autoFocus>
              Keep it
            </button>
            <CommandButton command={{ type: 'session.end' }} label="End session" className="danger" onSent={() => setConfirming(false)} />
          </div>
        </Modal>
      )}
    </>
  );
}
