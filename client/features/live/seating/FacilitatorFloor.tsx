import './facilitator-floor.css';
import { facilitatorSpeaker } from '../../../../shared/session/speakers.js';
import { tapAction } from '../../../../shared/session/tap.js';
import type { Facilitator } from '../../../../shared/session/view.js';
import { useSignedIn } from '../../auth/authState.js';
import { selectConnected, useLive, useLiveSession, useView } from '../liveContext.js';
import { whyNot } from '../permissions.js';
import { useUndo } from './undoState.js';

/**
 * The facilitators' own time (L19, P51): one button per facilitator that does what a tap on a
 * member's tile does — the floor when nobody has it, else into or out of the queue — with the
 * same Undo. Its name says what it will do, with the facilitator's staff name.
 */
export function FacilitatorFloor() {
  const view = useView();
  if (view.context.clock === null || view.status === 'ended') return null;
  return (
    <div className="facilitator-floor" role="group" aria-label="Facilitators' own time">
      {view.facilitators.map((f) => (
        <FacilitatorButton key={f.role} facilitator={f} />
      ))}
    </div>
  );
}

function FacilitatorButton({ facilitator }: { facilitator: Facilitator }) {
  const view = useView();
  const live = useLiveSession();
  const connected = useLive(selectConnected);
  const { user } = useSignedIn();
  const { offer } = useUndo();
  const { name } = facilitator;
  const tap = tapAction(view.context, facilitatorSpeaker(facilitator.role));
  const reason = !connected ? 'Reconnecting…' : tap ? whyNot(view, tap.command, user.id) : `${name} has the floor.`;
  const label = !tap
    ? `${name} has the floor`
    : { give: `Give the floor to ${name}`, queue: `Add ${name} to the queue`, unqueue: `Take ${name} off the queue` }[tap.did];
  return (
    <button
      type="button"
      className="button facilitator-speaker"
      disabled={reason !== null}
      title={reason ?? undefined}
      onClick={() => tap && void live.send(tap.command).then((result) => result.ok && offer(tap, name))}
    >
      {label}
    </button>
  );
}
