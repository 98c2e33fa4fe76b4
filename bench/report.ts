import fs from 'node:fs';
import type { Machine } from './machine.js';
import type { Summary } from './stats.js';

export interface Row {
  metric: string;
  baseline: string;
  holdspace: string;
  ratio: string;
  target: string;
  met: '' | 'yes' | 'NO';
}

const num = (v: number, digits = 1) => (Number.isFinite(v) ? v.toFixed(v >= 100 ? 0 : digits) : '—');
export const ms = (v: number) => `${num(v, v < 10 ? 2 : 1)} ms`;
export const kb = (bytes: number) => `${num(bytes / 1024, 1)} KB`;
export const times = (v: number) => (Number.isFinite(v) ? `${v.toFixed(2)}×` : '—');

export function latency(s: Summary): string {
  if (s.count === 0) return '—';
  return `${num(s.p50, 2)} / ${num(s.p95, 2)} / ${num(s.p99, 2)} / ${num(s.max, 1)} ms`;
}

export function latencyRatio(h: Summary, b: Summary): string {
  const r = (x: number, y: number) => (y > 0 ? (x / y).toFixed(2) : '—');
  return `${r(h.p50, b.p50)} / ${r(h.p95, b.p95)} / ${r(h.p99, b.p99)} / ${r(h.max, b.max)}×`;
}

export function table(rows: Row[]): string {
  const head = '| metric | bare Socket.IO | Holdspace | ratio | target | met |';
  const line = '|---|---|---|---|---|---|';
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  return [
    head,
    line,
    ...rows.map((r) => `| ${[r.metric, r.baseline, r.holdspace, r.ratio, r.target, r.met].map(cell).join(' | ')} |`),
  ].join('\n');
}

export function machineLine(m: Machine): string {
  return `${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB RAM; ${m.os}; Node ${m.node}; ${m.date}`;
}

const BEGIN = '<!-- bench:begin (written by `npm run bench`; edit outside these markers) -->';
const END = '<!-- bench:end -->';

/** Replaces the generated block of docs/performance.md, keeping whatever is written around it. */
export function writeReport(file: string, block: string): void {
  const generated = `${BEGIN}\n${block.trim()}\n${END}`;
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const start = current.indexOf(BEGIN.slice(0, 18));
  const end = current.indexOf(END);
  const next =
    start >= 0 && end > start ? current.slice(0, start) + generated + current.slice(end + END.length) : `# Performance\n\n${generated}\n`;
  fs.writeFileSync(file, next);
}
