import { CommandButton } from '../CommandButton.js';
import { useView } from '../liveContext.js';

/**
 * A go-round gives each member in the room the floor in seat order; a member may pass and is
 * come back to at the end. "Next speaker" moves the round on.
 */
export function RoundControls() {
  const view = useView();
  const round = view.context.round;
  return (
    <div className="button-row round-row">
      {round ? (
        <CommandButton command={{ type: 'round.end' }} label="End go-round" />
      ) : (
        <CommandButton command={{ type: 'round.start' }} label="Start go-round" />
      )}
      <CommandButton command={{ type: 'round.pass' }} label="Pass" />
    </div>
  );
}
