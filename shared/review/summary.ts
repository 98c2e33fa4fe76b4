import { PHASE_LABELS, type Phase } from '../phases.js';
import type { FlagKind } from '../schemas/commands.js';
import { againstPlan, durationWords, overOrUnder } from './durations.js';
import { wholeSeconds } from './rounding.js';
import type { Review } from './types.js';

/**
 * The review in one sentence, at the top of the page and the print (docs/review.md R24):
 * "Ran 3 min 36 s under plan; Sharing 7 s over; Ben spoke most (22 %), Finn least (6 %);
 * 1 distress flag (Dev)." Built from the same figures the tables show, with the same rounding,
 * so the sentence and the tables cannot disagree. It names members as the page does (the page is
 * for facilitators and reviewers) and reads flags only: notes, private or not, never appear.
 */
export function reviewSummary(review: Review): string {
  const s = review.session;
  if (s.startedAt === null) return 'Not started yet.';
  const name = memberNamer(review);
  const parts = [
    s.status === 'ended' ? ranWords(s.differenceMs) : `Running: ${durationWords(s.activeMs)} so far, ${againstPlan(s.differenceMs)}`,
    ...phasesOver(review),
    talkWords(review, name),
    flagWords(review, name),
  ];
  return `${parts.join('; ')}.`;
}

/** A talk share as the page writes it: whole percent. */
export const sharePercent = (share: number): number => Math.round(share * 100);

function ranWords(differenceMs: number): string {
  return wholeSeconds(differenceMs) === 0 ? 'Ran to plan' : `Ran ${againstPlan(differenceMs)}`;
}

/** Phases over their plan by a second or more, each once (a phase visited twice sums its visits). */
function phasesOver(review: Review): string[] {
  const byPhase = new Map<Phase, number>();
  for (const v of review.phases) byPhase.set(v.phase, (byPhase.get(v.phase) ?? 0) + v.differenceMs);
  return [...byPhase].filter(([, ms]) => wholeSeconds(ms) > 0).map(([phase, ms]) => `${PHASE_LABELS[phase]} ${overOrUnder(ms)}`);
}

function memberNamer(review: Review): (id: string | null) => string {
  const names = new Map(review.members.map((m) => [m.id, m.name]));
  return (id) => (id === null ? 'the group' : (names.get(id) ?? 'a former member'));
}

/** "Ana", "Ana and Ben", "Ana, Ben and Cleo". */
export function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** Who spoke most and least (ties named together), and who did not speak. */
function talkWords(review: Review, name: (id: string) => string): string {
  const spoke = review.talk.filter((t) => t.turns > 0);
  const silent = review.silent.map(name);
  const silentWords = silent.length === 0 ? '' : `, ${listWords(silent)} did not speak`;
  if (spoke.length === 0) return 'nobody spoke';
  if (spoke.length === 1) return `only ${name(spoke[0]!.memberId)} spoke${silentWords}`;
  // Ties by the seconds the tables show, so two members the table lists alike are named alike.
  const secs = spoke.map((t) => wholeSeconds(t.talkMs));
  const most = Math.max(...secs);
  const least = Math.min(...secs);
  const at = (target: number) => spoke.filter((_, i) => secs[i] === target);
  const said = (group: typeof spoke) => {
    const pct = `${sharePercent(group[0]!.share)} %${group.length > 1 ? ' each' : ''}`;
    return { who: listWords(group.map((t) => name(t.memberId))), pct };
  };
  if (most === least) {
    const all = said(spoke);
    return `${all.who} spoke equally (${all.pct})${silentWords}`;
  }
  const top = said(at(most));
  const bottom = said(at(least));
  return `${top.who} spoke most (${top.pct}), ${bottom.who} least (${bottom.pct})${silentWords}`;
}

/** Up to three named ("Dev and Ana"); more are counted ("5 members and the group"), so the sentence stays one. */
function whoWords(about: readonly (string | null)[], name: (id: string | null) => string): string {
  const distinct = [...new Set(about)];
  if (distinct.length <= 3) return listWords(distinct.map(name));
  const members = distinct.filter((id) => id !== null).length;
  return `${members} members${distinct.includes(null) ? ' and the group' : ''}`;
}

const FLAG_ADJECTIVES: Record<FlagKind, string> = {
  distress: 'distress',
  conflict: 'conflict',
  confidentiality: 'confidentiality',
  risk: 'risk',
  other: 'other',
};

/** "no flags", "1 distress flag (Dev)", "3 flags: 2 distress (Dev, Ana), 1 risk (the group)". */
function flagWords(review: Review, name: (id: string | null) => string): string {
  const flags = review.flags;
  if (flags.length === 0) return 'no flags';
  const kinds = new Map<FlagKind, (string | null)[]>();
  for (const f of flags) kinds.set(f.kind, [...(kinds.get(f.kind) ?? []), f.memberId]);
  const kindWords = [...kinds]
    .sort(([, a], [, b]) => b.length - a.length)
    .map(([kind, about]) => ({ count: about.length, adjective: FLAG_ADJECTIVES[kind], who: whoWords(about, name) }));
  if (kindWords.length === 1) {
    const k = kindWords[0]!;
    return `${k.count} ${k.adjective} flag${k.count === 1 ? '' : 's'} (${k.who})`;
  }
  return `${flags.length} flags: ${kindWords.map((k) => `${k.count} ${k.adjective} (${k.who})`).join(', ')}`;
}
