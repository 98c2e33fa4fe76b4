import { attendanceWords } from '../../../shared/review/stubs.js';
import { againstPlan } from '../../../shared/review/durations.js';
import { dur, isOver } from './format.js';
import { useReview } from './reviewContext.js';

const ROLE_WORDS = { lead: 'lead', co: 'co-facilitator' } as const;
/** A correction reads as one (P41): the mark that was wrong, then what was true. */
const CORRECTED = { expected: 'not marked', present: 'present', late: 'late', absent: 'absent', left: 'left early' } as const;

/** The group summary: what a clinical note needs first (BRIEF §7). */
export function ReviewHeader() {
  const { review, fmt, member } = useReview();
  const s = review.session;
  const attended = review.attendance.filter((a) => a.attended);
  return (
    <section className="card review-section review-summary" aria-labelledby="review-summary-heading">
      <h2 id="review-summary-heading">{review.groupName}</h2>
      <dl className="review-facts">
        <dt>Date</dt>
        <dd>{s.startedAt !== null ? fmt.date(s.startedAt) : 'Not started'}</dd>
        <dt>Time</dt>
        <dd>
          {s.startedAt !== null ? `${fmt.clock(s.startedAt)} to ${s.endedAt !== null ? fmt.clock(s.endedAt) : `now (${s.status})`}` : '—'}
        </dd>
        <dt>Duration</dt>
        <dd>
          {dur(s.wallMs)}
          {s.pausedMs > 0 && ` (${dur(s.activeMs)} without ${dur(s.pausedMs)} of pauses)`}; planned {dur(s.plannedMs)},{' '}
          <span className={isOver(s.differenceMs) ? 'over' : undefined}>{againstPlan(s.differenceMs)}</span>
        </dd>
        <dt>Facilitators</dt>
        <dd>{review.facilitators.map((f) => `${f.name} (${ROLE_WORDS[f.role]})`).join(', ') || '—'}</dd>
        <dt>Members</dt>
        <dd>
          {attended.length} of {review.attendance.length} attended
        </dd>
        <dt>Attendance</dt>
        <dd>
          <ul className="attendance-list">
            {review.attendance.map((a) => (
              <li key={a.memberId}>
                {member(a.memberId)}: {attendanceWords(a, fmt.clock)}
                {a.stepOuts.length > 0 &&
                  `; stepped out ${a.stepOuts.map((o) => `${fmt.clock(o.from)}–${o.returned ? fmt.clock(o.to) : 'end'}`).join(', ')}`}
                {a.corrections.map((c) => `; corrected at ${fmt.clock(c.at)}: ${CORRECTED[c.from]} → ${CORRECTED[c.to]}`).join('')}
              </li>
            ))}
          </ul>
        </dd>
        {review.plan.skill && (
          <>
            <dt>Skill</dt>
            <dd>{review.plan.skill}</dd>
          </>
        )}
        <dt>Agreements</dt>
        <dd>{review.agreementsReviewedAt !== null ? `Reviewed at ${fmt.clock(review.agreementsReviewedAt)}` : 'Not marked as reviewed'}</dd>
      </dl>
    </section>
  );
}
