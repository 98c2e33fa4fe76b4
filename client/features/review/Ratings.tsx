import { ratingChart, ratingRows, scoreWords, type RatingChartItem } from '../../../shared/review/ratings.js';
import { RATING_MAX } from '../../../shared/schemas/rating-scale.js';
import type { SessionRatings } from '../../../shared/schemas/ratings.js';
import { TableScroll } from '../../ui/TableScroll.js';
import { exportUrl } from './reviewApi.js';
import { useReview } from './reviewContext.js';

/**
 * The members' ratings of the session (review.md R34–R35): a table of each member's score per
 * item asked, the overall figure and the comment, and a small chart of the same scores per item
 * with the mean. The table is the chart's equivalent in words. Values reach the page only once
 * the session has ended; the server sends none before.
 */
export function Ratings({ ratings }: { ratings: SessionRatings | null }) {
  const { review } = useReview();
  const ended = review.session.status === 'ended';
  return (
    <section className="card review-section" aria-labelledby="ratings-heading">
      <h2 id="ratings-heading">Ratings</h2>
      {!ended ? (
        <p className="muted">Members’ ratings show here once the session has ended.</p>
      ) : ratings === null || ratings.ratings.length === 0 ? (
        <p className="muted">No ratings were collected in this session.</p>
      ) : (
        <>
          <RatingsChart chart={ratingChart(ratings)} />
          <RatingsTable ratings={ratings} />
          <p className="screen-only">
            <a href={exportUrl(review.sessionId, 'ratings.csv')} download>
              Download ratings (CSV)
            </a>
          </p>
        </>
      )}
    </section>
  );
}

function RatingsTable({ ratings }: { ratings: SessionRatings }) {
  return (
    <TableScroll label="Ratings, scrolls sideways">
      <table className="review-table">
        <caption className="visually-hidden">Ratings</caption>
        <thead>
          <tr>
            <th scope="col">Member</th>
            {ratings.items.map((item) => (
              <th key={item.id} scope="col" className="num">
                {item.label}
              </th>
            ))}
            <th scope="col" className="num">
              Overall
            </th>
            <th scope="col">Comment</th>
          </tr>
        </thead>
        <tbody>
          {ratingRows(ratings).map((row) => (
            <tr key={row.memberId}>
              <th scope="row">{row.name}</th>
              {row.scores.map((score, i) => (
                <td key={ratings.items[i]!.id} className="num">
                  {scoreWords(score)}
                </td>
              ))}
              <td className="num">{scoreWords(row.overall)}</td>
              <td>{row.comment}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

const WIDTH = 600;
const ROW = 64;
const BARS = 40;

/**
 * One row per item: its label, a bar per member on the 0–10 scale, the mean as a dashed line.
 * Names are in each bar's tooltip and in the table below; the image's name says the means.
 */
function RatingsChart({ chart }: { chart: readonly RatingChartItem[] }) {
  const summary = chart.map((c) => `${c.label}: mean ${scoreWords(c.mean)}`).join('; ');
  const y = (top: number, score: number) => top + 18 + BARS - (score / RATING_MAX) * BARS;
  return (
    <svg
      className="rating-chart"
      viewBox={`0 0 ${WIDTH} ${chart.length * ROW}`}
      role="img"
      aria-label={`Ratings per item, out of ${RATING_MAX}. ${summary}.`}
    >
      {chart.map((item, i) => {
        const top = i * ROW;
        const width = WIDTH / Math.max(item.bars.length, 1);
        return (
          <g key={item.itemId}>
            <text x={0} y={top + 12} className="bar-label">
              {item.label}
            </text>
            <line x1={0} x2={WIDTH} y1={y(top, 0)} y2={y(top, 0)} className="trend-axis" />
            {item.bars.map((bar, j) =>
              bar.score === null ? null : (
                <rect
                  key={bar.memberId}
                  x={j * width + 1}
                  y={y(top, bar.score)}
                  width={Math.max(width - 2, 1)}
                  height={(bar.score / RATING_MAX) * BARS}
                  className="trend-bar"
                >
                  <title>{`${bar.name}: ${scoreWords(bar.score)}`}</title>
                </rect>
              ),
            )}
            {item.mean !== null && <line x1={0} x2={WIDTH} y1={y(top, item.mean)} y2={y(top, item.mean)} className="trend-threshold" />}
          </g>
        );
      })}
    </svg>
  );
}
