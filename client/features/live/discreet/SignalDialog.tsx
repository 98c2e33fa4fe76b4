import { SIGNAL_KINDS, SIGNAL_LABELS } from '../../../../shared/schemas/commands.js';
import { Modal } from '../../../ui/Modal.js';
import { CommandButton } from '../CommandButton.js';
import { canVibrate, useVibrationSetting } from './useSignalVibration.js';

/** The preset signals: one tap sends, the other screen shows a quiet banner. */
export function SignalDialog({ close }: { close: () => void }) {
  const [vibrate, setVibrate] = useVibrationSetting();
  return (
    <Modal title="Signal the other facilitator" onClose={close}>
      <div className="menu-actions">
        {SIGNAL_KINDS.map((kind) => (
          <CommandButton
            key={kind}
            command={{ type: 'signal.send', kind }}
            label={SIGNAL_LABELS[kind]}
            className="menu-action"
            onSent={close}
          />
        ))}
      </div>
      {canVibrate() && (
        <label className="check-row">
          <input type="checkbox" checked={vibrate} onChange={(event) => setVibrate(event.target.checked)} />
          Vibrate this device when a signal comes in
        </label>
      )}
      <div className="modal-actions">
        <button type="button" className="button quiet" onClick={close}>
          Cancel
        </button>
      </div>
    </Modal>
  );
}
