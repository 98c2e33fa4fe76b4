import { useId, useState } from 'react';
import { LIMITS } from '../../../../shared/schemas/common.js';
import { SIGNAL_KINDS, SIGNAL_LABELS } from '../../../../shared/schemas/commands.js';
import { Modal } from '../../../ui/Modal.js';
import { CommandButton } from '../CommandButton.js';
import { useView } from '../liveContext.js';
import { seatedMembers } from '../members.js';
import { canVibrate, useVibrationSetting } from './useSignalVibration.js';

/**
 * The preset signals: one tap sends, the other screen shows a quiet banner. A member and a few
 * words may go with any of them; Check on member waits for its member (P49, L18).
 */
export function SignalDialog({ close }: { close: () => void }) {
  const view = useView();
  const [vibrate, setVibrate] = useVibrationSetting();
  const [memberId, setMemberId] = useState('');
  const [words, setWords] = useState('');
  const memberFieldId = useId();
  const wordsFieldId = useId();
  const text = words.trim() || null;
  return (
    <Modal title="Signal the other facilitator" onClose={close}>
      <div className="signal-fields">
        <label htmlFor={memberFieldId}>About</label>
        <select id={memberFieldId} value={memberId} onChange={(event) => setMemberId(event.target.value)}>
          <option value="">Nobody in particular</option>
          {seatedMembers(view).map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </select>
        <label htmlFor={wordsFieldId}>A few words (optional)</label>
        <input
          id={wordsFieldId}
          type="text"
          maxLength={LIMITS.signalText}
          value={words}
          autoComplete="off"
          onChange={(event) => setWords(event.target.value)}
        />
      </div>
      <div className="menu-actions">
        {SIGNAL_KINDS.map((kind) => (
          <CommandButton
            key={kind}
            command={{ type: 'signal.send', kind, memberId: memberId || null, text }}
            label={SIGNAL_LABELS[kind]}
            className="menu-action"
            // Check on member names whom (P49): the command's shape requires it.
            disabled={kind === 'checkOnMember' && !memberId}
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
