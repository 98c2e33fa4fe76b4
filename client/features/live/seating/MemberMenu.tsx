import type { Command } from '../../../../shared/schemas/commands.js';
import { Modal } from '../../../ui/Modal.js';
import { useSignedIn } from '../../auth/authState.js';
import { CommandButton } from '../CommandButton.js';
import { useOpenDialog } from '../dialogState.js';
import { nameOf, tileStatus, tileWords } from '../members.js';
import { useView } from '../liveContext.js';
import { whyNot } from '../permissions.js';
import { AttendanceActions } from './AttendanceActions.js';

/**
 * A member's actions: Give the floor, Add to queue, Stepped out / Returned, Flag concern, and
 * attendance for someone arriving late or leaving early. Actions that cannot apply now are
 * shown disabled with the reason, so nothing is a mystery.
 */
export function MemberMenu({ memberId, close }: { memberId: string; close: () => void }) {
  const view = useView();
  const openDialog = useOpenDialog();
  const { user } = useSignedIn();
  const name = nameOf(view, memberId);
  const status = tileStatus(view, memberId);
  const queued = status.queuePosition !== null;

  const actions: { command: Command; label: string }[] = [
    { command: { type: 'floor.give', memberId }, label: 'Give the floor' },
    queued
      ? { command: { type: 'queue.remove', memberId }, label: 'Remove from queue' }
      : { command: { type: 'queue.add', memberId }, label: 'Add to queue' },
  ];
  const firstReason = actions.map((a) => whyNot(view, a.command, user.id)).find((r) => r !== null);

  return (
    <Modal title={name} onClose={close} className="member-menu">
      <p className="muted member-menu-status">{tileWords(status, view.context.clock !== null) || 'In the room'}</p>
      <div className="menu-actions">
        {actions.map((action) => (
          <CommandButton key={action.label} command={action.command} label={action.label} className="menu-action" onSent={close} />
        ))}
        <AttendanceActions memberId={memberId} name={name} close={close} />
        <button type="button" className="button menu-action" onClick={() => openDialog({ kind: 'flag', memberId })}>
          Flag concern
        </button>
        <button type="button" className="button menu-action" onClick={() => openDialog({ kind: 'note', memberId })}>
          Add note
        </button>
      </div>
      {firstReason && <p className="hint">{firstReason}</p>}
      <div className="modal-actions">
        <button type="button" className="button quiet" onClick={close}>
          Close
        </button>
      </div>
    </Modal>
  );
}
