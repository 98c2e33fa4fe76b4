import type { AuditEntryView } from './adminApi.js';

/** What each audited action is called on screen (docs/privacy.md D2); an unknown code shows as itself. */
const ACTION_WORDS: Record<string, string> = {
  'auth.sign-in': 'Signed in',
  'auth.sign-out': 'Signed out',
  'auth.two-factor.enable': 'Turned on two-factor sign-in',
  'auth.two-factor.disable': 'Turned off two-factor sign-in',
  'account.create': 'Created an account',
  'group.create': 'Created a group',
  'group.update': 'Changed a group',
  'group.reviewer.grant': 'Added a reviewer',
  'group.reviewer.revoke': 'Removed a reviewer',
  'member.erase': 'Erased a member',
  'review.view': 'Read a review',
  'review.export': 'Exported a review',
  'session.sign': 'Signed a review',
  'session.read': 'Read a session',
  'settings.retention': 'Changed retention',
  'settings.update': 'Changed server settings',
  'purge.run': 'Purged old sessions',
  'audit.export': 'Downloaded the audit log',
  'backup.create': 'Made a backup',
};

export const actionWords = (action: string) => ACTION_WORDS[action] ?? action;

/** `system` and `cli` are not accounts: say what they are. */
export function actorWords(entry: AuditEntryView): string {
  if (entry.actorName) return entry.actorName;
  if (entry.actorId === 'system') return 'Holdspace (scheduled)';
  if (entry.actorId === 'cli') return 'Command line';
  return entry.actorId;
}

/** The detail as "key: value" pairs; it holds only ids, codes, counts and booleans (D3). */
export function detailWords(detail: Record<string, unknown>): string {
  return Object.entries(detail)
    .map(([key, value]) => `${key}: ${Array.isArray(value) ? value.map(detailValue).join(', ') || '—' : detailValue(value)}`)
    .join('; ');
}

/** One detail value in words: an unexpected object is shown as JSON, never as "[object Object]". */
function detailValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value) ?? '—';
}
