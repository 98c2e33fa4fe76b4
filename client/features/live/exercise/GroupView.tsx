import { useEffect, useRef } from 'react';
import { PHASE_LABELS } from '../../../../shared/phases.js';
import { describeExercise } from '../../../../shared/session/exercise.js';
import { useView } from '../liveContext.js';
import { ExerciseReadout } from './ExerciseReadout.js';

/**
 * The tablet turned to the room (P48): only the phase's name and the exercise, in large type — no
 * member's name, no flag, no note, no signal; the console is not even rendered behind it. One tap
 * anywhere (or any key) brings the console back.
 */
export function GroupView({ onBack }: { onBack: () => void }) {
  const view = useView();
  const ref = useRef<HTMLButtonElement>(null);
  useEffect(() => ref.current?.focus(), []);
  const { plan } = view.context;
  return (
    <main className="group-view">
      <h1 className="group-view-phase">{view.phase ? PHASE_LABELS[view.phase] : ''}</h1>
      {plan.exercise && <p className="group-view-exercise">{describeExercise(plan.exercise)}</p>}
      <ExerciseReadout large />
      <button ref={ref} type="button" className="group-view-back" aria-label="Back to console" onClick={onBack} onKeyDown={onBack}>
        <span className="visually-hidden">Tap to go back to the console.</span>
      </button>
    </main>
  );
}
