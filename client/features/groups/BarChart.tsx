import { useId } from 'react';

export interface Bar {
  /** The session's short date, on the axis and in the text equivalent. */
  label: string;
  /** Null: nothing to draw for the session (a member who did not rate it); its row says so. */
  value: number | null;
}

const WIDTH = 240;
const HEIGHT = 72;
const GAP = 2;

/**
 * One small multiple (docs/console.md L22): a bar per session, oldest first, on a shared scale
 * (`min`…`max`, 0 inside it), with an optional threshold as a dashed line — or, with `dots`, a
 * dot per session joined by a line that breaks where a value is missing. Drawn in strokes and
 * SVG fills (content, not background colour, so it prints with background graphics off); the
 * values are in a table beside it for screen readers, and the SVG is named by its title.
 */
export function BarChart({
  title,
  bars,
  min = 0,
  max,
  threshold,
  format,
  dots = false,
  missing = '—',
}: {
  title: string;
  bars: readonly Bar[];
  min?: number;
  max: number;
  threshold?: { value: number; label: string } | undefined;
  format: (value: number) => string;
  dots?: boolean;
  /** What the table says for a missing value. */
  missing?: string;
}) {
  const id = useId();
  const span = Math.max(max - min, 1e-9);
  const y = (v: number) => HEIGHT - ((Math.min(Math.max(v, min), max) - min) / span) * HEIGHT;
  const zero = y(0);
  const width = bars.length === 0 ? WIDTH : WIDTH / bars.length;
  return (
    <figure className="trend-chart">
      <figcaption id={`${id}-title`}>{title}</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={`${id}-title`} aria-describedby={`${id}-values`}>
        <line x1={0} x2={WIDTH} y1={zero} y2={zero} className="trend-axis" />
        {dots && <Dots bars={bars} width={width} y={y} format={format} />}
        {bars.map((bar, i) => {
          if (dots || bar.value === null) return null;
          const top = Math.min(y(bar.value), zero);
          return (
            <rect
              key={i}
              x={i * width + GAP / 2}
              y={top}
              width={Math.max(width - GAP, 1)}
              height={Math.max(Math.abs(zero - y(bar.value)), bar.value === 0 ? 0 : 1)}
              className="trend-bar"
            >
              <title>{`${bar.label}: ${format(bar.value)}`}</title>
            </rect>
          );
        })}
        {threshold && <line x1={0} x2={WIDTH} y1={y(threshold.value)} y2={y(threshold.value)} className="trend-threshold" />}
      </svg>
      <table id={`${id}-values`} className="visually-hidden">
        <caption>
          {title}
          {threshold ? `, ${threshold.label}` : ''}
        </caption>
        <tbody>
          {bars.map((bar, i) => (
            <tr key={i}>
              <th scope="row">{bar.label}</th>
              <td>{bar.value === null ? missing : format(bar.value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

/** Dots at each bar's middle, each run of sessions with a value joined by a line. */
function Dots({
  bars,
  width,
  y,
  format,
}: {
  bars: readonly Bar[];
  width: number;
  y: (v: number) => number;
  format: (v: number) => string;
}) {
  const runs: string[][] = [[]];
  bars.forEach((bar, i) => {
    if (bar.value === null) runs.push([]);
    else runs.at(-1)!.push(`${(i + 0.5) * width},${y(bar.value)}`);
  });
  return (
    <>
      {runs.map((points, i) => points.length > 1 && <polyline key={i} points={points.join(' ')} className="trend-line" />)}
      {bars.map(
        (bar, i) =>
          bar.value !== null && (
            <circle key={i} cx={(i + 0.5) * width} cy={y(bar.value)} r={3} className="trend-bar">
              <title>{`${bar.label}: ${format(bar.value)}`}</title>
            </circle>
          ),
      )}
    </>
  );
}
