import { describeExercise } from '../../../../shared/session/exercise.js';
import { CommandButton } from '../CommandButton.js';
import { useView } from '../liveContext.js';
import { ExerciseReadout } from './ExerciseReadout.js';
import { useShowToGroup } from './showToGroup.js';

/** In Skill development: the skill, its exercise timer (Start / Stop exercise) and Show to group (P48). */
export function SkillExercise() {
  const view = useView();
  const { plan, exercise } = view.context;
  const skillPhase = view.phase === 'skillDevelopment';
  const showToGroup = useShowToGroup();
  if (!skillPhase && !exercise) return null;
  return (
    <>
      {plan.skill && <p className="skill">Skill: {plan.skill}</p>}
      {plan.exercise && <p className="muted">{describeExercise(plan.exercise)}</p>}
      <ExerciseReadout />
      {plan.exercise &&
        (exercise ? (
          <CommandButton command={{ type: 'exercise.stop' }} label="Stop exercise" />
        ) : (
          <CommandButton command={{ type: 'exercise.start' }} label="Start exercise" />
        ))}
      <button type="button" className="button" onClick={showToGroup}>
        Show to group
      </button>
    </>
  );
}
