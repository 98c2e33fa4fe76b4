import { useId, useState } from 'react';
import { ROUND_DIRECTIONS, type RoundDirection } from '../../../../shared/schemas/commands.js';
import { isInRoom } from '../../../../shared/session/roster.js';
import { Modal } from '../../../ui/Modal.js';
import { CommandButton } from '../CommandButton.js';
import { seatedMembers } from '../members.js';
import { useView } from '../liveContext.js';

const DIRECTION_LABELS: Record<RoundDirection, string> = { clockwise: 'Clockwise', counterclockwise: 'Counter-clockwise' };

/**
 * Where a go-round starts and which way it goes (P38): any member in the room, either way round
 * the circle. "Start go-round" on the console starts at seat 1, clockwise, in one tap.
 */
export function RoundStartDialog({ close }: { close: () => void }) {
  const view = useView();
  const selectId = useId();
  const inRoom = seatedMembers(view).filter((m) => isInRoom(view.context, m.id));
  const [first, setFirst] = useState(inRoom[0]?.id ?? '');
  const [direction, setDirection] = useState<RoundDirection>('clockwise');
  return (
    <Modal title="Start a go-round" onClose={close}>
      <div className="dialog-form">
        <div className="field">
          <label htmlFor={selectId}>Start with</label>
          <select id={selectId} value={first} onChange={(event) => setFirst(event.target.value)}>
            {inRoom.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </div>
        <fieldset className="choice-group">
          <legend>Direction</legend>
          {ROUND_DIRECTIONS.map((d) => (
            <label key={d} className="choice">
              <input type="radio" name="direction" checked={direction === d} onChange={() => setDirection(d)} />
              {DIRECTION_LABELS[d]}
            </label>
          ))}
        </fieldset>
        <div className="modal-actions">
          <button type="button" className="button quiet" onClick={close}>
            Cancel
          </button>
          <CommandButton
            command={{ type: 'round.start', firstMemberId: first || null, direction }}
            label="Start"
            className="primary"
            onSent={close}
          />
        </div>
      </div>
    </Modal>
  );
}
