import { useState } from 'react';
import type { Exercise } from '../../../shared/session/exercise.js';
import { Field } from '../../ui/Field.js';
import { formText } from '../../ui/formText.js';

/**
 * The skill's exercise timer in the plan (P48): none, a countdown, or a paced breathing cycle
 * (box breathing is 4-4-4-4: in, hold, out, hold), for so many minutes.
 */
export function ExerciseFields() {
  const [kind, setKind] = useState<'none' | Exercise['kind']>('none');
  return (
    <fieldset className="exercise-fields">
      <legend>Exercise timer</legend>
      <div className="field">
        <label htmlFor="exercise-kind">Exercise</label>
        <select id="exercise-kind" name="exerciseKind" value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
          <option value="none">None</option>
          <option value="countdown">Countdown</option>
          <option value="paced">Paced breathing</option>
        </select>
      </div>
      {kind !== 'none' && (
        <Field
          label="Exercise minutes"
          name="exerciseMinutes"
          type="number"
          inputMode="decimal"
          min={0.5}
          max={60}
          step={0.5}
          defaultValue="4"
        />
      )}
      {kind === 'paced' && (
        <Field
          label="Breathing pattern"
          name="exercisePattern"
          defaultValue="4-4-4-4"
          pattern="\d{1,2}(-\d{1,2}){1,3}"
          hint="Seconds to breathe in, hold, breathe out, hold: 4-4-4-4 is box breathing."
        />
      )}
    </fieldset>
  );
}

/** The exercise the form describes, for the plan (validated by the plan's schema after). */
export function exerciseFrom(form: FormData): Exercise | null {
  const kind = form.get('exerciseKind');
  const seconds = Math.round(Number(form.get('exerciseMinutes') ?? 0) * 60);
  if (kind === 'countdown') return { kind, seconds };
  if (kind === 'paced')
    return {
      kind,
      seconds,
      pattern: formText(form, 'exercisePattern').split('-').map(Number),
    };
  return null;
}
