import { PHASE_LABELS, type Phase } from '../../../shared/phases.js';
import { RecordTable } from '../../ui/RecordTable.js';
import { dur } from './format.js';
import { useReview } from './reviewContext.js';

const phaseWord = (phase: Phase | null) => (phase ? PHASE_LABELS[phase] : 'Before the start');

/**
 * Every flag and note with its time, phase, author and member; signals with how long the other
 * facilitator took to acknowledge them. Private notes show here, marked, to the session's
 * facilitators, and nowhere that leaves the screen (exports, the printed report). A reviewer's
 * review comes without them from the server (docs/security.md S30): the page says so.
 */
export function FlagsNotes({ reviewer }: { reviewer: boolean }) {
  const { review, fmt, member, actor } = useReview();
  const nothing = review.flags.length + review.notes.length + review.signals.length === 0;
  return (
    <section className="card review-section screen-only" aria-labelledby="flags-heading">
      <h2 id="flags-heading">Flags and notes</h2>
      {nothing && <p className="muted">No flags, notes or signals.</p>}
      {reviewer && <p className="muted">Private notes are for the session’s facilitators and are not shown to reviewers.</p>}
      {review.flags.length > 0 && (
        <RecordTable
          caption="Flags"
          columns={['Time', 'Phase', 'By', 'About', 'Concern']}
          records={review.flags}
          keyOf={(f) => f.id}
          cells={(f) => [
            fmt.clock(f.at),
            phaseWord(f.phase),
            actor(f.by),
            member(f.memberId),
            <>
              <strong>{f.label}</strong>
              {f.text && `: ${f.text}`}
            </>,
          ]}
        />
      )}
      {review.notes.length > 0 && (
        <RecordTable
          caption="Notes"
          columns={['Time', 'Phase', 'By', 'About', 'Note']}
          records={review.notes}
          keyOf={(n) => n.id}
          rowClass={(n) => (n.private ? 'private' : undefined)}
          cells={(n) => [
            fmt.clock(n.at),
            phaseWord(n.phase),
            actor(n.by),
            member(n.memberId),
            <>
              {n.private && !reviewer && <span className="pill">Private</span>} {n.text}
            </>,
          ]}
        />
      )}
      {review.signals.length > 0 && (
        <RecordTable
          caption="Signals"
          columns={['Time', 'From', 'Signal', 'Acknowledged']}
          records={review.signals}
          keyOf={(s) => s.id}
          cells={(s) => [
            fmt.clock(s.at),
            actor(s.from),
            s.label,
            s.ackDelayMs === null ? 'Not acknowledged' : `by ${actor(s.ackedBy ?? '')} after ${dur(s.ackDelayMs)}`,
          ]}
        />
      )}
    </section>
  );
}
