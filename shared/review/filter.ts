import type { MemberId } from '../session/context.js';
import type { LineKind, LogLine } from './types.js';

/** The Phase log's filters: a kind of entry, a member, or both (null means any). */
export interface LineFilter {
  kind: LineKind | null;
  memberId: MemberId | null;
}

export function filterLines(lines: readonly LogLine[], { kind, memberId }: LineFilter): LogLine[] {
  return lines.filter((line) => (kind === null || line.kind === kind) && (memberId === null || line.memberIds.includes(memberId)));
}
