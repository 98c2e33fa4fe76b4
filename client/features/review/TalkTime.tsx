import { dur } from './format.js';
import { useReview } from './reviewContext.js';
import { TalkSplit } from './TalkSplit.js';

/**
 * Time on the floor: facilitators against members (R20), then per member a bar chart and the
 * same figures as a table (members' shares are of the members' talk). Members who came
 * and never spoke are named in a sentence, not left for the reader to spot as a missing bar.
 */
export function TalkTime() {
  const { review, member } = useReview();
  const rows = review.talk.filter((t) => t.turns > 0 || t.passes > 0 || review.attendance.find((a) => a.memberId === t.memberId)?.attended);
  const max = Math.max(1, ...rows.map((t) => t.talkMs));
  const silent = review.silent.map((id) => {
    const passes = review.talk.find((t) => t.memberId === id)?.passes ?? 0;
    return `${member(id)}${passes > 0 ? ` (passed ${passes === 1 ? 'once' : `${passes} times`})` : ''}`;
  });
  const BAR = 22;
  return (
    <section className="card review-section" aria-labelledby="talk-heading">
      <h2 id="talk-heading">Talk time</h2>
      <TalkSplit split={review.talkSplit} />
      {silent.length > 0 && <p className="silent">Did not speak: {silent.join(', ')}.</p>}
      <svg className="talk-bars" viewBox={`0 0 600 ${rows.length * BAR + 4}`} role="img" aria-label="Talk time per member, as bars">
        {rows.map((t, i) => (
          <g key={t.memberId}>
            <text x={110} y={i * BAR + 16} textAnchor="end" className="bar-label">
              {member(t.memberId)}
            </text>
            <rect x={118} y={i * BAR + 4} width={Math.max(t.talkMs > 0 ? 2 : 0, (t.talkMs / max) * 380)} height={BAR - 8} className="bar" />
            <text x={122 + (t.talkMs / max) * 380} y={i * BAR + 16} className="bar-value">
              {dur(t.talkMs)} · {Math.round(t.share * 100)}%
            </text>
          </g>
        ))}
      </svg>
      <table className="review-table">
        <caption className="visually-hidden">Talk time</caption>
        <thead>
          <tr>
            <th scope="col">Member</th>
            <th scope="col" className="num">
              Talk time
            </th>
            <th scope="col" className="num">
              Turns
            </th>
            <th scope="col" className="num">
              Passes
            </th>
            <th scope="col" className="num">
              Longest turn
            </th>
            <th scope="col" className="num">
              Share
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((t) => (
            <tr key={t.memberId}>
              <th scope="row">{member(t.memberId)}</th>
              <td className="num">{dur(t.talkMs)}</td>
              <td className="num">{t.turns}</td>
              <td className="num">{t.passes}</td>
              <td className="num">{dur(t.longestTurnMs)}</td>
              <td className="num">{Math.round(t.share * 100)}%</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
