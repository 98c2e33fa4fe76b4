import { RECORD_STATE_WORDS, type RecordState } from '../../../shared/review/record-state.js';
import type { SessionSummary } from '../../../shared/schemas/rest.js';
import { href } from '../../shell/router.js';

export const sessionDate = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
});

/**
 * Sessions, newest first, each with where it stands as a record (review.md R28: "Needs
 * signature", "Signed", "Addendum", or its status while open); each opens in its lobby, its live
 * console or its ended summary. A reviewer never opens a live session: only ended ones, straight
 * to their review.
 */
export function SessionList({
  sessions,
  showGroup,
  reviewerOnly = false,
}: {
  sessions: (SessionSummary & { record: RecordState; groupName?: string })[];
  showGroup?: boolean;
  reviewerOnly?: boolean;
}) {
  if (reviewerOnly) sessions = sessions.filter((s) => s.status === 'ended');
  if (sessions.length === 0) return <p className="muted">No sessions yet.</p>;
  return (
    <ul className="card-list session-list">
      {sessions.map((session) => (
        <li key={session.id} className="card session-card">
          <a href={href(reviewerOnly ? { name: 'review', sessionId: session.id } : { name: 'session', sessionId: session.id })}>
            {showGroup && session.groupName ? `${session.groupName}, ` : 'Session, '}
            {sessionDate.format(new Date(session.startedAt ?? session.createdAt))}
          </a>
          <span className={`pill record-${session.record}`}>{RECORD_STATE_WORDS[session.record]}</span>
        </li>
      ))}
    </ul>
  );
}
