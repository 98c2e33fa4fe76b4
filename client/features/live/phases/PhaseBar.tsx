import { PHASE_LABELS } from '../../../../shared/phases.js';
import { CommandButton } from '../CommandButton.js';
import { useView } from '../liveContext.js';
import { Timer } from '../Timer.js';
import { PhaseJumps } from './PhaseJumps.js';

/** The phase now (in large type) and its time; moving on, pausing, ending; then every phase. */
export function PhaseBar() {
  const view = useView();
  const phase = view.phase;
  const paused = view.status === 'paused';
  return (
    <section className="phase-bar" aria-label="Phases">
      <div className="phase-now">
        <section className="current-phase" aria-label="Current phase">
          <p className="current-phase-name">{phase ? PHASE_LABELS[phase] : 'Not started'}</p>
        </section>
        {/* In the name's room, so showing it moves neither the timer nor the buttons. */}
        {paused && <span className="pill paused-pill">Session paused</span>}
        <Timer which="phase" size="large" />
        <div className="phase-actions">
          <CommandButton command={{ type: 'phase.next' }} label="Next phase" shortcut="N" />
          {paused ? (
            <CommandButton command={{ type: 'session.resume' }} label="Resume session" shortcut="P" className="primary pause-toggle" />
          ) : (
            <CommandButton command={{ type: 'session.pause' }} label="Pause session" shortcut="P" className="pause-toggle" />
          )}
        </div>
      </div>
      <PhaseJumps />
    </section>
  );
}
