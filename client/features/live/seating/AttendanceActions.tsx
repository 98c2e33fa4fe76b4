import { useState } from 'react';
import type { Command } from '../../../../shared/schemas/commands.js';
import { CommandButton } from '../CommandButton.js';
import { CrisisButton } from '../crisis/CrisisButton.js';
import { tileStatus } from '../members.js';
import { useView } from '../liveContext.js';
import { whyNot } from '../permissions.js';
import { useSignedIn } from '../../auth/authState.js';

/**
 * A member's attendance in the member menu: Stepped out / Returned and Left early for one in the
 * room; Arrived late (joining a go-round at the end, or at their seat while the round has not
 * reached it, P37) for one who is not; and a correction for a mark that was wrong (P41). "Left
 * early" asks first: it ends the member's part in the session.
 */
export function AttendanceActions({ memberId, name, close }: { memberId: string; name: string; close: () => void }) {
  const view = useView();
  const { user } = useSignedIn();
  const [confirmingLeft, setConfirmingLeft] = useState(false);
  const status = tileStatus(view, memberId);
  const action = (command: Command, label: string) => (
    <CommandButton key={label} command={command} label={label} className="menu-action" onSent={close} />
  );

  if (confirmingLeft) {
    return (
      <div className="confirm-left" role="group" aria-label={`Confirm ${name} left early`}>
        <p>Mark {name} as having left early? Their turn ends and they leave the queue. If it was a mistake, correct it from this menu.</p>
        <div className="menu-actions">
          <button type="button" className="button menu-action quiet" onClick={() => setConfirmingLeft(false)}>
            Keep {name} here
          </button>
          {action({ type: 'attendance.mark', memberId, mark: 'left' }, 'Confirm left early')}
        </div>
      </div>
    );
  }

  if (status.attending) {
    return (
      <>
        {status.steppedOut
          ? action({ type: 'member.return', memberId }, 'Returned')
          : action({ type: 'member.stepOut', memberId }, 'Stepped out')}
        <button
          type="button"
          className="button menu-action"
          disabled={whyNot(view, { type: 'attendance.mark', memberId, mark: 'left' }, user.id) !== null}
          onClick={() => setConfirmingLeft(true)}
        >
          Left early
        </button>
        {!status.steppedOut && (
          <CrisisButton
            memberId={memberId}
            stepOut
            label={`Crisis pause: ${name} steps out with me`}
            className="menu-action"
            onSent={close}
          />
        )}
      </>
    );
  }

  if (status.left) return action({ type: 'attendance.correct', memberId, status: 'present' }, 'Correct: did not leave');
  const atSeat: Command = { type: 'attendance.mark', memberId, mark: 'late', joinRound: 'seat' };
  return (
    <>
      {action(
        { type: 'attendance.mark', memberId, mark: 'late' },
        view.context.round ? 'Arrived late: join the go-round at the end' : 'Arrived late',
      )}
      {view.context.round && whyNot(view, atSeat, user.id) === null && action(atSeat, 'Arrived late: join the go-round at their seat')}
      {!status.notMarked && action({ type: 'attendance.correct', memberId, status: 'present' }, 'Correct: was here all along')}
    </>
  );
}
