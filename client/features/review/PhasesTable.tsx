import { TableScroll } from '../../ui/TableScroll.js';
import { PHASE_LABELS } from '../../../shared/phases.js';
import { dur, isOver, minutesText, signed } from './format.js';
import { useReview } from './reviewContext.js';

/** Planned against actual, phase by phase in the order they happened; pauses left out of actual. */
export function PhasesTable() {
  const { review, fmt } = useReview();
  const actual = review.phases.reduce((sum, p) => sum + p.actualMs, 0);
  const planned = review.session.plannedMs;
  return (
    <section className="card review-section" aria-labelledby="phases-heading">
      <h2 id="phases-heading">Phases</h2>
      {/* On a phone the table scrolls sideways rather than break a time range (L20). */}
      <TableScroll label="Phases, scrolls sideways">
        <table className="review-table">
          <caption className="visually-hidden">Phases</caption>
          <thead>
            <tr>
              <th scope="col">Phase</th>
              <th scope="col">From</th>
              <th scope="col" className="num">
                Planned
              </th>
              <th scope="col" className="num">
                Actual
              </th>
              <th scope="col" className="num">
                Difference
              </th>
            </tr>
          </thead>
          <tbody>
            {review.phases.map((p) => (
              <tr key={`${p.phase}-${p.from}`}>
                <th scope="row">
                  {PHASE_LABELS[p.phase]}
                  {p.visit > 1 && <span className="muted"> (again)</span>}
                  {p.phase === 'skillDevelopment' && review.plan.skill && <span className="muted">: {review.plan.skill}</span>}
                </th>
                {/* A range is read whole: it never breaks at its dash (L20). */}
                <td className="nowrap">
                  {fmt.clock(p.from)}–{fmt.clock(p.to)}
                </td>
                <td className="num">{p.plannedMs === null ? '—' : minutesText(p.plannedMs)}</td>
                <td className="num">
                  {dur(p.actualMs)}
                  {p.pausedMs > 0 && <span className="muted"> (+{dur(p.pausedMs)} paused)</span>}
                </td>
                <td className={`num${isOver(p.differenceMs) ? ' over' : ''}`}>{signed(p.differenceMs)}</td>
              </tr>
            ))}
            {review.unvisited.map((p) => (
              <tr key={p.phase} className="muted">
                <th scope="row">{PHASE_LABELS[p.phase]}</th>
                <td>not reached</td>
                <td className="num">{minutesText(p.plannedMs)}</td>
                <td className="num">{dur(0)}</td>
                <td className="num">{signed(0 - p.plannedMs)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Total</th>
              <td />
              <td className="num">{minutesText(planned)}</td>
              <td className="num">{dur(actual)}</td>
              <td className={`num${isOver(actual - planned) ? ' over' : ''}`}>{signed(actual - planned)}</td>
            </tr>
          </tfoot>
        </table>
      </TableScroll>
    </section>
  );
}
