import type { SessionContext } from './context.js';
import type { SessionView } from './view.js';

/** The context's record lists: they only grow, except when a signal is acknowledged. */
const RECORD_LISTS = ['flags', 'notes', 'signals'] as const;
type RecordList = (typeof RECORD_LISTS)[number];

/**
 * What changed from one version of a session's view to the next (docs/protocol.md §7). A command
 * changes a few fields of a state of several kilobytes, so screens receive only those: fields of
 * the view and of its context whole, and records added to a record list as just the new records.
 */
export interface ViewPatch {
  view?: Partial<Omit<SessionView, 'context'>>;
  context?: Partial<SessionContext>;
  appended?: Partial<Pick<SessionContext, RecordList>>;
}

/**
 * The patch that turns `prev` into `next`. The reducer builds each new context by spreading the
 * old one, so an unchanged field is the same object in both: comparing references finds every
 * change in a few steps, and a field rebuilt with equal content is merely sent again.
 */
export function diffView(prev: SessionView, next: SessionView): ViewPatch {
  const patch: ViewPatch = {};
  const view: Record<string, unknown> = {};
  for (const key of Object.keys(next) as (keyof SessionView)[]) {
    if (key !== 'context' && next[key] !== prev[key]) view[key] = next[key];
  }
  const context: Record<string, unknown> = {};
  const appended: Record<string, unknown> = {};
  for (const key of Object.keys(next.context) as (keyof SessionContext)[]) {
    const before = prev.context[key];
    const after = next.context[key];
    if (before === after) continue;
    const added = isRecordList(key) ? appendedTo(before as unknown[], after as unknown[]) : null;
    if (added) appended[key] = added;
    else context[key] = after;
  }
  if (Object.keys(view).length) patch.view = view;
  if (Object.keys(context).length) patch.context = context;
  if (Object.keys(appended).length) patch.appended = appended;
  return patch;
}

/** `view` with `patch` applied: a new view, sharing every unchanged field with the old one. */
export function applyPatch(view: SessionView, patch: ViewPatch): SessionView {
  const context = { ...view.context, ...patch.context };
  for (const key of RECORD_LISTS) {
    const added = patch.appended?.[key];
    if (added) (context as Record<RecordList, unknown[]>)[key] = [...view.context[key], ...added];
  }
  return { ...view, ...patch.view, context };
}

function isRecordList(key: string): key is RecordList {
  return (RECORD_LISTS as readonly string[]).includes(key);
}

/** The records added at the end of `before`, or null if `after` is not `before` plus records. */
function appendedTo(before: unknown[], after: unknown[]): unknown[] | null {
  if (after.length <= before.length) return null;
  for (let i = 0; i < before.length; i++) if (before[i] !== after[i]) return null;
  return after.slice(before.length);
}
