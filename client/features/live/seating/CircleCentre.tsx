import { roundProgress } from '../../../../shared/session/round.js';
import { CommandButton } from '../CommandButton.js';
import { nameOf } from '../members.js';
import { useView } from '../liveContext.js';
import { SkillExercise } from '../exercise/SkillExercise.js';
import { RatingsControl } from '../ratings/RatingsControl.js';
import { FacilitatorFloor } from './FacilitatorFloor.js';
import { UndoLine } from './UndoLine.js';

/**
 * The middle of the circle holds what belongs to the phase: marking the agreements read in the
 * introduction, the skill being taught, and where a go-round is and who it comes back to; and,
 * for five seconds after a one-tap action on a tile, its Undo (clear of every tile, L2); and the
 * facilitators' own time (L19); and member voice, offered prominently in Feedback (L23).
 */
export function CircleCentre() {
  const view = useView();
  const { round, agreementsReviewedAt } = view.context;
  // Counts only members still attending: one who left is in neither number (P39).
  const progress = roundProgress(view.context);
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
          <p>{round.returning || !progress ? 'Coming back to those who passed' : `${progress.reached} of ${progress.of}`}</p>
          {round.comeBack.length > 0 && <p className="muted">Come back to: {round.comeBack.map((id) => nameOf(view, id)).join(', ')}</p>}
        </>
      )}
      {/* One place in every phase, so an open rating link survives a change of phase. */}
      <RatingsControl prominent={view.phase === 'feedback'} />
      {/* Last: what the phase asks for comes first on a small screen. */}
      <FacilitatorFloor />
    </>
  );
}
