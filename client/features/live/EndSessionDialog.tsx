import { Modal } from '../../ui/Modal.js';
import { CommandButton } from './CommandButton.js';

/** Ending is final for both screens, so it asks once; its button is also named "End session". */
export function EndSessionDialog({ close }: { close: () => void }) {
  return (
    <Modal title="End the session?" onClose={close}>
      <p>The session ends on both screens and its record closes. This cannot be undone.</p>
      <div className="modal-actions">
        <button type="button" className="button" onClick={close} autoFocus>
          Keep going
        </button>
        <CommandButton command={{ type: 'session.end' }} label="End session" className="danger" onSent={close} />
      </div>
    </Modal>
  );
}
