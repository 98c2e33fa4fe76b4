import { PHASE_LABELS, type Phase } from '../../../shared/phases.js';
import { dur } from './format.js';
import { useReview } from './reviewContext.js';

const phaseWord = (phase: Phase | null) => (phase ? PHASE_LABELS[phase] : 'Before the start');

/**
 * Every flag and note with its time, phase, author and member; signals with how long the other
 * facilitator took to acknowledge them. Private notes show here, marked, and nowhere that leaves
 * the screen (exports, the printed report).
 */
export function FlagsNotes() {
  const { review, fmt, member, actor } = useReview();
  const nothing = review.flags.length + review.notes.length + review.signals.length === 0;
  return (
    <section className="card review-section screen-only" aria-labelledby="flags-heading">
      <h2 id="flags-heading">Flags and notes</h2>
      {nothing && <p className="muted">No flags, notes or signals.</p>}
      {review.flags.length > 0 && (
        <table className="review-table">
          <caption>Flags</caption>
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Phase</th>
              <th scope="col">By</th>
              <th scope="col">About</th>
              <th scope="col">Concern</th>
            </tr>
          </thead>
          <tbody>
            {review.flags.map((f) => (
              <tr key={f.id}>
                <td>{fmt.clock(f.at)}</td>
                <td>{phaseWord(f.phase)}</td>
                <td>{actor(f.by)}</td>
                <td>{member(f.memberId)}</td>
                <td>
                  <strong>{f.label}</strong>
                  {f.text && `: ${f.text}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {review.notes.length > 0 && (
        <table className="review-table">
          <caption>Notes</caption>
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Phase</th>
              <th scope="col">By</th>
              <th scope="col">About</th>
              <th scope="col">Note</th>
            </tr>
          </thead>
          <tbody>
            {review.notes.map((n) => (
              <tr key={n.id} className={n.private ? 'private' : undefined}>
                <td>{fmt.clock(n.at)}</td>
                <td>{phaseWord(n.phase)}</td>
                <td>{actor(n.by)}</td>
                <td>{member(n.memberId)}</td>
                <td>
                  {n.private && <span className="pill">Private</span>} {n.text}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {review.signals.length > 0 && (
        <table className="review-table">
          <caption>Signals</caption>
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">From</th>
              <th scope="col">Signal</th>
              <th scope="col">Acknowledged</th>
            </tr>
          </thead>
          <tbody>
            {review.signals.map((s) => (
              <tr key={s.id}>
                <td>{fmt.clock(s.at)}</td>
                <td>{actor(s.from)}</td>
                <td>{s.label}</td>
                <td>{s.ackDelayMs === null ? 'Not acknowledged' : `by ${actor(s.ackedBy ?? '')} after ${dur(s.ackDelayMs)}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
