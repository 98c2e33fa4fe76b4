import { exerciseAt } from '../../../../shared/session/exercise.js';
import { formatClock, type Instant } from '../../../../shared/time.js';
import { useLive } from '../liveContext.js';

/**
 * The exercise as the room follows it (P48): the breathing step in large words with its seconds,
 * and the time left. Read from the server's time at the shared tick, so every screen agrees.
 * Carries no name, flag or note: it is also what Show to group shows.
 */
export function ExerciseReadout({ large = false }: { large?: boolean }) {
  const shown = useLive((s) => {
    const ctx = s.update?.state.context;
    if (!ctx?.plan.exercise || !ctx.exercise) return '';
    const r = exerciseAt(ctx.plan.exercise, ctx.exercise, s.now as Instant);
    if (r.done) return 'done';
    return `${r.step ? `${r.step.words}|${r.step.secondsLeft}` : '|'}|${formatClock(r.remainingMs)}`;
  });
  if (!shown) return null;
  if (shown === 'done') return <p className={large ? 'exercise exercise-large' : 'exercise'}>Exercise done</p>;
  const [words, seconds, left] = shown.split('|');
  return (
    <div className={large ? 'exercise exercise-large' : 'exercise'} role="timer" aria-label="Exercise time">
      {words && (
        <p className="exercise-step">
          {words} <span className="exercise-count">{seconds}</span>
        </p>
      )}
      <p className="exercise-left">{left} left</p>
    </div>
  );
}
