import { CommandButton } from '../CommandButton.js';
import { nameOf } from '../members.js';
import { useView } from '../liveContext.js';
import { SkillExercise } from '../exercise/SkillExercise.js';
import { UndoLine } from './UndoLine.js';

/**
 * The middle of the circle holds what belongs to the phase: marking the agreements read in the
 * introduction, the skill being taught, and where a go-round is and who it comes back to; and,
 * for five seconds after a one-tap action on a tile, its Undo (clear of every tile, L2).
 */
export function CircleCentre() {
  const view = useView();
  const { round, agreementsReviewedAt } = view.context;
  return (
    <>
      <UndoLine />
      {view.phase === 'introduction' &&
        (agreementsReviewedAt === null ? (
          <CommandButton command={{ type: 'agreements.reviewed' }} label="Agreements reviewed" />
        ) : (
          <p className="muted">Agreements reviewed</p>
        ))}
      <SkillExercise />
      {round && (
        <>
          <p className="round-title">Go-round</p>
          <p>
            {round.returning ? 'Coming back to those who passed' : `${round.order.length - round.pending.length} of ${round.order.length}`}
          </p>
          {round.comeBack.length > 0 && <p className="muted">Come back to: {round.comeBack.map((id) => nameOf(view, id)).join(', ')}</p>}
        </>
      )}
    </>
  );
}
