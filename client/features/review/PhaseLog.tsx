import { TableScroll } from '../../ui/TableScroll.js';
import { memo, useId, useMemo, useState } from 'react';
import { PHASE_LABELS } from '../../../shared/phases.js';
import { filterLines } from '../../../shared/review/filter.js';
import { LINE_KIND_LABELS, LINE_KINDS, type LineKind, type LogLine } from '../../../shared/review/types.js';
import { dur } from './format.js';
import { useReview, type ReviewView } from './reviewContext.js';

/** Rows shown at first and added per "Show more": a 90-minute session logs a couple of thousand. */
const PAGE = 200;

/** Every log entry in plain words, with server time and time since the start; filterable. */
export function PhaseLog() {
  const view = useReview();
  const { review, member } = view;
  const [kind, setKind] = useState<LineKind | null>(null);
  const [memberId, setMemberId] = useState<string | null>(null);
  const [shown, setShown] = useState(PAGE);
  const lines = useMemo(() => filterLines(review.lines, { kind, memberId }), [review.lines, kind, memberId]);
  const visible = useMemo(() => lines.slice(0, shown), [lines, shown]);
  const kindId = useId();
  const memberSelectId = useId();
  return (
    <section className="card review-section screen-only" aria-labelledby="log-heading">
      <h2 id="log-heading">Phase log</h2>
      <div className="log-filters">
        <div className="field">
          <label htmlFor={kindId}>Kind</label>
          <select id={kindId} value={kind ?? ''} onChange={(e) => setKind((e.target.value || null) as LineKind | null)}>
            <option value="">Everything</option>
            {LINE_KINDS.map((k) => (
              <option key={k} value={k}>
                {LINE_KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={memberSelectId}>Member</label>
          <select id={memberSelectId} value={memberId ?? ''} onChange={(e) => setMemberId(e.target.value || null)}>
            <option value="">Everyone</option>
            {review.members.map((m) => (
              <option key={m.id} value={m.id}>
                {member(m.id)}
              </option>
            ))}
          </select>
        </div>
        <p className="muted" aria-live="polite">
          {lines.length === review.lines.length ? `${lines.length} entries` : `${lines.length} of ${review.lines.length} entries`}
          {visible.length < lines.length && `, the first ${visible.length} shown`}
        </p>
      </div>
      <TableScroll label="Phase log, scrolls sideways">
        <table className="review-table log-table">
          <caption className="visually-hidden">Phase log</caption>
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Elapsed</th>
              <th scope="col">Phase</th>
              <th scope="col">What happened</th>
            </tr>
          </thead>
          <Rows lines={visible} view={view} />
        </table>
      </TableScroll>
      {visible.length < lines.length && (
        <p className="log-more">
          <button type="button" className="button" onClick={() => setShown((n) => n + PAGE * 5)}>
            Show more entries
          </button>{' '}
          <button type="button" className="button quiet" onClick={() => setShown(Number.POSITIVE_INFINITY)}>
            Show all {lines.length} entries
          </button>
        </p>
      )}
    </section>
  );
}

const Rows = memo(function Rows({ lines, view }: { lines: LogLine[]; view: ReviewView }) {
  return (
    <tbody>
      {lines.map((line) => (
        <tr key={line.version} className={line.private ? 'private' : undefined}>
          <td>{view.fmt.clockSeconds(line.at)}</td>
          <td>{line.elapsedMs === null ? '—' : dur(line.elapsedMs)}</td>
          <td>{line.phase ? PHASE_LABELS[line.phase] : '—'}</td>
          <td>{line.text}</td>
        </tr>
      ))}
    </tbody>
  );
});
