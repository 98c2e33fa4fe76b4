import { TableScroll } from '../../ui/TableScroll.js';
import { useCallback } from 'react';
import { ACROSS_STATUS_LABELS, type AcrossStatus } from '../../../shared/review/across.js';
import { useResource } from '../../api/useResource.js';
import { ResourceView } from '../../ui/ResourceView.js';
import { dur } from './format.js';
import { useReview } from './reviewContext.js';
import { getGroupReview } from './reviewApi.js';

const SHORT: Record<AcrossStatus, string> = {
  present: 'Present',
  late: 'Late',
  leftEarly: 'Left early',
  lateLeftEarly: 'Late, left',
  absent: 'Absent',
  notSeated: '—',
};

/**
 * The group over the weeks: a member × session grid of attendance and talk time, oldest first,
 * so a therapist sees who is drifting away. Only sessions this facilitator ran are in it.
 */
export function AcrossSessions() {
  const { review, fmt } = useReview();
  const load = useCallback(() => getGroupReview(review.groupId), [review.groupId]);
  const [resource, retry] = useResource(load);
  return (
    <section className="card review-section screen-only" aria-labelledby="across-heading">
      <h2 id="across-heading">Across sessions</h2>
      <ResourceView resource={resource} retry={retry}>
        {({ across }) => (
          <TableScroll label="Across sessions, scrolls sideways">
            <table className="review-table across-table">
              <caption className="visually-hidden">Across sessions</caption>
              <thead>
                <tr>
                  <th scope="col">Member</th>
                  {across.sessions.map((s) => (
                    <th key={s.sessionId} scope="col" className={s.sessionId === review.sessionId ? 'current' : undefined}>
                      {s.startedAt !== null ? fmt.shortDate(s.startedAt) : '—'}
                      {s.sessionId === review.sessionId && <span className="visually-hidden"> (this session)</span>}
                    </th>
                  ))}
                  <th scope="col" className="num">
                    Attended
                  </th>
                </tr>
              </thead>
              <tbody>
                {across.members.map((m) => (
                  <tr key={m.memberId}>
                    <th scope="row">{m.name}</th>
                    {m.cells.map((c, i) => (
                      <td key={across.sessions[i]!.sessionId} className={`across-${c.status}`} title={ACROSS_STATUS_LABELS[c.status]}>
                        {SHORT[c.status]}
                        {c.status !== 'absent' && c.status !== 'notSeated' && <span className="across-talk">{dur(c.talkMs)}</span>}
                      </td>
                    ))}
                    <td className="num">
                      {m.attended} of {m.seated}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </ResourceView>
    </section>
  );
}
