import { PHASE_LABELS } from '../../../shared/phases.js';
import { nameOf } from './members.js';
import { useLive, useView } from './liveContext.js';

/**
 * What a screen-reader user hears when the session moves on: phase changes and speaker
 * changes, each in its own polite live region so one does not repeat the other.
 */
export function Announcer() {
  const view = useView();
  const phase = useLive((s) => s.update?.state.phase ?? null);
  const speakerId = view.context.floor?.memberId ?? null;
  const phaseText = view.status === 'paused' ? 'Session paused.' : phase ? `Phase: ${PHASE_LABELS[phase]}.` : '';
  const speakerText = speakerId ? `${nameOf(view, speakerId)} has the floor.` : 'Nobody has the floor.';
  return (
    <div className="visually-hidden">
      <p aria-live="polite">{phaseText}</p>
      <p aria-live="polite">{speakerText}</p>
    </div>
  );
}
