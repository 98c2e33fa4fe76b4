import { Fragment, memo, useMemo, useState, type ReactNode } from 'react';
import { PHASE_LABELS, PHASES } from '../../../shared/phases.js';
import { dur } from './format.js';
import { useReview, type ReviewView } from './reviewContext.js';

/**
 * The session as a chart: the plan and the phases as they happened side by side, one row per
 * member for their turns (and steps-out and passes), a row of markers for flags and signals, and
 * pauses as hatched bands across everything. Plain SVG, sized by its viewBox, so it prints as
 * crisply as it shows; patterns and outlines, not colour alone, tell the marks apart.
 */
const W = 1000;
const LEFT = 140;
const RIGHT = 36;
const ROW = 18;
const MEMBER_ROW = 15;
const GAP = 6;

interface Mark {
  key: string;
  detail: string;
  node: ReactNode;
  /**
   * Words drawn on the mark, kept out of it: a tappable mark is named by its detail, and a short
   * drawn "Fb" inside it would be text its name does not contain (WCAG 2.5.3).
   */
  words?: ReactNode;
}

export function Timeline() {
  const view = useReview();
  const [detail, setDetail] = useState<string | null>(null);
  // Hovering changes the detail line only: the marks are computed once per review.
  const chart = useMemo(() => chartOf(view), [view]);
  if (!chart) return null;
  const { x, rows, height, speakers, marks, start, domain } = chart;

  return (
    <section className="card review-section" aria-labelledby="timeline-heading">
      <h2 id="timeline-heading">Timeline</h2>
      <svg
        className="timeline"
        viewBox={`0 0 ${W} ${height}`}
        role="group"
        aria-label="Timeline of the session: phases planned and actual, turns per member, pauses, flags, steps-out and signals"
      >
        <defs>
          <pattern id="tl-hatch" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">
            <line x1="0" y1="0" x2="0" y2="6" className="tl-hatch-line" />
          </pattern>
        </defs>
        <Axis view={view} x={x} start={start} domain={domain} height={height} />
        <Lane y={rows.planned} label="Planned" />
        <Lane y={rows.actual} label="Actual" />
        <Lane y={rows.turns - ROW + 2} label="Turns" />
        {speakers.map((a, i) => (
          <text key={a.memberId} x={LEFT - 8} y={rows.turns + i * MEMBER_ROW + MEMBER_ROW - 4} className="tl-member" textAnchor="end">
            {view.member(a.memberId)}
          </text>
        ))}
        <Lane y={rows.markers} label="Flags, signals" />
        <Marks marks={marks} onShow={setDetail} />
        <g className="tl-words" aria-hidden="true">
          {marks.map((m) => m.words && <Fragment key={m.key}>{m.words}</Fragment>)}
        </g>
      </svg>
      <p className="timeline-detail" aria-live="polite">
        {detail ?? 'Tap, hover or focus a mark on the timeline for its details.'}
      </p>
      <Legend />
    </section>
  );
}

function chartOf(view: ReviewView) {
  const { review } = view;
  const start = review.session.startedAt;
  if (start === null) return null;
  const domain = Math.max(review.session.wallMs, review.session.plannedMs, 60_000);
  const x = (t: number) => LEFT + ((t - start) / domain) * (W - LEFT - RIGHT);
  const speakers = review.attendance.filter((a) => a.attended || review.turns.some((t) => t.memberId === a.memberId));
  const rows = layout(speakers.length);
  const marks = marksOf(
    view,
    x,
    rows,
    speakers.map((a) => a.memberId),
  );
  return { start, domain, x, speakers, rows, height: rows.markers + ROW + 4, marks };
}

function layout(memberCount: number) {
  const planned = 26;
  const actual = planned + ROW + GAP;
  const turns = actual + ROW + GAP + ROW;
  const markers = turns + Math.max(1, memberCount) * MEMBER_ROW + GAP;
  return { planned, actual, turns, markers };
}

function Lane({ y, label }: { y: number; label: string }) {
  return (
    <text x={LEFT - 8} y={y + ROW - 5} className="tl-lane" textAnchor="end">
      {label}
    </text>
  );
}

function Axis({
  view,
  x,
  start,
  domain,
  height,
}: {
  view: ReviewView;
  x: (t: number) => number;
  start: number;
  domain: number;
  height: number;
}) {
  const minutes = [1, 2, 5, 10, 15, 30, 60].find((m) => domain / (m * 60_000) <= 10) ?? 120;
  const ticks: number[] = [];
  for (let t = 0; t <= domain; t += minutes * 60_000) ticks.push(start + t);
  return (
    <g className="tl-axis" aria-hidden="true">
      {ticks.map((t) => (
        <g key={t}>
          <line x1={x(t)} x2={x(t)} y1={16} y2={height} className="tl-grid" />
          <text x={x(t)} y={12} textAnchor="middle">
            {view.fmt.clock(t)}
          </text>
        </g>
      ))}
    </g>
  );
}

/**
 * Every mark is focusable and tappable; its words go to the detail line under the chart (one
 * live line rather than a <title> per mark: a long session has well over a thousand marks).
 */
const Marks = memo(function Marks({ marks, onShow }: { marks: Mark[]; onShow: (detail: string) => void }) {
  return (
    <>
      {marks.map((m) => (
        <g
          key={m.key}
          className="tl-mark"
          tabIndex={0}
          role="button"
          aria-label={m.detail}
          onClick={() => onShow(m.detail)}
          onFocus={() => onShow(m.detail)}
          onMouseEnter={() => onShow(m.detail)}
        >
          {m.node}
        </g>
      ))}
    </>
  );
});

function marksOf(view: ReviewView, x: (t: number) => number, rows: ReturnType<typeof layout>, speakers: string[]): Mark[] {
  const { review, fmt, member, actor } = view;
  const start = review.session.startedAt!;
  const marks: Mark[] = [];
  const span = (from: number, to: number) => `${fmt.clock(from)}–${fmt.clock(to)}`;
  const width = (from: number, to: number) => Math.max(1.5, x(to) - x(from));
  const rowOf = (memberId: string) => rows.turns + speakers.indexOf(memberId) * MEMBER_ROW;

  for (const p of review.pauses) {
    marks.push({
      key: `pause-${p.from}`,
      detail: `Session paused ${span(p.from, p.to)} (${dur(p.ms)}) by ${actor(p.by)}`,
      node: (
        <rect x={x(p.from)} y={rows.planned} width={width(p.from, p.to)} height={rows.markers + ROW - rows.planned} className="tl-pause" />
      ),
    });
  }
  let at: number = start;
  for (const phase of PHASES) {
    const ms = review.plan.phaseMinutes[phase] * 60_000;
    if (ms === 0) continue;
    marks.push({
      key: `plan-${phase}`,
      detail: `Planned: ${PHASE_LABELS[phase]}, ${review.plan.phaseMinutes[phase]} min`,
      node: <PhaseBlock x={x(at)} y={rows.planned} w={width(at, at + ms)} phase={phase} planned />,
      words: <PhaseWords x={x(at)} y={rows.planned} w={width(at, at + ms)} phase={phase} />,
    });
    at += ms;
  }
  for (const v of review.phases) {
    const visit = v.visit > 1 ? ` (visit ${v.visit})` : '';
    marks.push({
      key: `phase-${v.from}-${v.phase}`,
      detail: `${PHASE_LABELS[v.phase]}${visit}: ${span(v.from, v.to)}, ${dur(v.actualMs)} without pauses`,
      node: <PhaseBlock x={x(v.from)} y={rows.actual} w={width(v.from, v.to)} phase={v.phase} />,
      words: <PhaseWords x={x(v.from)} y={rows.actual} w={width(v.from, v.to)} phase={v.phase} />,
    });
  }
  for (const t of review.turns) {
    const held = t.pauses.filter((p) => p.reason === 'held');
    const heldWords = held.length ? `; turn paused ${held.map((p) => span(p.from, p.to)).join(', ')}` : '';
    const y = rowOf(t.memberId);
    marks.push({
      key: `turn-${t.from}-${t.memberId}`,
      detail: `${member(t.memberId)} had the floor ${span(t.from, t.to)}: ${dur(t.talkMs)}${t.talkMs > t.allotmentMs ? ' (over the allotment)' : ''}${heldWords}`,
      node: (
        <>
          <rect x={x(t.from)} y={y + 2} width={width(t.from, t.to)} height={MEMBER_ROW - 4} className="tl-turn" />
          {held.map((p) => (
            <rect key={p.from} x={x(p.from)} y={y + 2} width={width(p.from, p.to)} height={MEMBER_ROW - 4} className="tl-turn-held" />
          ))}
        </>
      ),
    });
  }
  for (const a of review.attendance) {
    if (!speakers.includes(a.memberId)) continue;
    const y = rowOf(a.memberId) + MEMBER_ROW / 2;
    for (const o of a.stepOuts) {
      marks.push({
        key: `out-${a.memberId}-${o.from}`,
        detail: `${member(a.memberId)} stepped out ${fmt.clock(o.from)}${o.returned ? `, returned ${fmt.clock(o.to)}` : ', did not return'}`,
        node: <line x1={x(o.from)} x2={x(o.from) + width(o.from, o.to)} y1={y} y2={y} className="tl-out" />,
      });
    }
  }
  for (const p of review.passes) {
    if (!speakers.includes(p.memberId)) continue;
    marks.push({
      key: `pass-${p.memberId}-${p.at}`,
      detail: `${member(p.memberId)} passed at ${fmt.clock(p.at)}`,
      node: <circle cx={x(p.at)} cy={rowOf(p.memberId) + MEMBER_ROW / 2} r={3.5} className="tl-pass" />,
    });
  }
  const my = rows.markers + ROW / 2;
  for (const f of review.flags) {
    const cx = x(Math.max(f.at, start));
    marks.push({
      key: `flag-${f.id}`,
      detail: `Flag: ${f.label} about ${member(f.memberId)} at ${fmt.clock(f.at)} by ${actor(f.by)}${f.text ? `: “${f.text}”` : ''}`,
      node: <path d={`M${cx},${my - 7} L${cx + 6},${my + 6} L${cx - 6},${my + 6} Z`} className="tl-flag" />,
    });
  }
  for (const s of review.signals) {
    const ack = s.ackDelayMs === null ? 'not acknowledged' : `acknowledged after ${dur(s.ackDelayMs)}`;
    marks.push({
      key: `signal-${s.id}`,
      detail: `Signal “${s.label}” from ${actor(s.from)} at ${fmt.clock(s.at)}, ${ack}`,
      node: <rect x={x(Math.max(s.at, start)) - 4} y={my - 4} width={8} height={8} className="tl-signal" />,
    });
  }
  return marks;
}

/** Two letters for a bar too narrow for its phase's name: every bar is labelled (the legend says which is which). */
const PHASE_SHORT: Record<keyof typeof PHASE_LABELS, string> = {
  introduction: 'In',
  sharing: 'Sh',
  facilitation: 'Fa',
  skillDevelopment: 'Sk',
  feedback: 'Fb',
};

function PhaseBlock({ x, y, w, phase, planned }: { x: number; y: number; w: number; phase: string; planned?: boolean }) {
  return <rect x={x} y={y} width={w} height={ROW} className={`tl-phase tl-phase-${phase}${planned ? ' tl-planned' : ''}`} />;
}

/** The phase's name on its block, in full where it fits. */
function PhaseWords({ x, y, w, phase }: { x: number; y: number; w: number; phase: string }) {
  const key = phase as keyof typeof PHASE_LABELS;
  return (
    <text x={x + 3} y={y + ROW - 5} className="tl-phase-label">
      {w > 110 ? PHASE_LABELS[key] : PHASE_SHORT[key]}
    </text>
  );
}

/** A legend mark drawn as the chart draws it: SVG fills and outlines print with background graphics off. */
function Swatch({ className }: { className: string }) {
  return (
    <svg className="legend-swatch" viewBox="0 0 24 14" aria-hidden="true">
      <rect x="1" y="1" width="22" height="12" className={className} />
    </svg>
  );
}

function Legend() {
  return (
    <ul className="timeline-legend" aria-label="Legend">
      <li>
        <Swatch className="tl-phase tl-phase-introduction tl-planned" /> planned phase
      </li>
      <li>
        <Swatch className="tl-phase tl-phase-introduction" /> actual phase
      </li>
      <li>
        <Swatch className="tl-turn" /> turn
      </li>
      <li>
        <Swatch className="tl-turn-held" /> turn paused
      </li>
      <li>
        <Swatch className="tl-pause" /> session paused
      </li>
      <li>▲ flag · ■ signal · ○ pass · ┄ stepped out</li>
      <li>{PHASES.map((p) => `${PHASE_SHORT[p]} ${PHASE_LABELS[p]}`).join(' · ')}</li>
    </ul>
  );
}
