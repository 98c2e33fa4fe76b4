import { CommandButton } from '../CommandButton.js';
import { useOpenDialog } from '../dialogState.js';
import { useView } from '../liveContext.js';
import { whyNot } from '../permissions.js';
import { useSignedIn } from '../../auth/authState.js';

/**
 * A go-round gives each member in the room the floor in seat order; a member may pass and is
 * come back to at the end. "Next speaker" moves the round on. "Start from…" chooses the first
 * member and the direction (P38).
 */
export function RoundControls() {
  const view = useView();
  const openDialog = useOpenDialog();
  const { user } = useSignedIn();
  const round = view.context.round;
  const cannotStart = whyNot(view, { type: 'round.start' }, user.id);
  return (
    <div className="button-row round-row">
      {round ? (
        <CommandButton command={{ type: 'round.end' }} label="End go-round" />
      ) : (
        <>
          <CommandButton command={{ type: 'round.start' }} label="Start go-round" />
          <button
            type="button"
            className="button"
            disabled={cannotStart !== null}
            title={cannotStart ?? undefined}
            onClick={() => openDialog({ kind: 'roundStart' })}
          >
            Start from…
          </button>
        </>
      )}
      <CommandButton command={{ type: 'round.pass' }} label="Pass" />
    </div>
  );
}
