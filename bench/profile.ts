import fs from 'node:fs';
import path from 'node:path';

/**
 * Reads a V8 .cpuprofile (from `BENCH_CPU_PROF=dir npm run bench`) and prints where the time went:
 * the top functions by self time, and the top by total time (self + callees).
 * Usage: npx tsx bench/profile.ts file.cpuprofile [rows]
 */
interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount: number;
  children?: number[];
}
const [file, rowsArg] = process.argv.slice(2);
if (!file) throw new Error('usage: tsx bench/profile.ts file.cpuprofile [rows]');
const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as { nodes: Node[] };
const rows = Number(rowsArg ?? 30);
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const label = (n: Node) => {
  const { functionName, url, lineNumber } = n.callFrame;
  const where = url ? `${path.relative(process.cwd(), url.replace('file://', ''))}:${lineNumber + 1}` : '';
  return `${functionName || '(anonymous)'} ${where}`.trim();
};
const total = profile.nodes.reduce((s, n) => s + n.hitCount, 0);
const self = new Map<string, number>();
for (const n of profile.nodes) self.set(label(n), (self.get(label(n)) ?? 0) + n.hitCount);

// Inclusive: each label counted once per stack (no double counting in recursion).
const inclusive = new Map<string, number>();
const walk = (id: number, onStack: Set<string>): number => {
  const n = byId.get(id)!;
  let hits = n.hitCount;
  const l = label(n);
  const fresh = !onStack.has(l);
  if (fresh) onStack.add(l);
  for (const c of n.children ?? []) hits += walk(c, onStack);
  if (fresh) {
    onStack.delete(l);
    inclusive.set(l, (inclusive.get(l) ?? 0) + hits);
  }
  return hits;
};
walk(profile.nodes[0]!.id, new Set());

const show = (title: string, m: Map<string, number>) => {
  console.log(`\n${title} (of ${total} samples)`);
  for (const [l, h] of [...m].sort((a, b) => b[1] - a[1]).slice(0, rows))
    console.log(`${((h / total) * 100).toFixed(1).padStart(6)}%  ${l}`);
};
show('self', self);
show('total', inclusive);
