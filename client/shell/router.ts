import { useSyncExternalStore } from 'react';

/**
 * A tiny hash router: the server serves one index.html and never needs to know the client's
 * paths, and a tablet's home-screen shortcut always opens the app shell.
 */
export type Route =
  | { name: 'home' }
  | { name: 'newGroup' }
  | { name: 'group'; groupId: string }
  | { name: 'plan'; groupId: string }
  | { name: 'session'; sessionId: string }
  | { name: 'account' }
  | { name: 'invite'; token: string }
  | { name: 'review'; sessionId: string }
  | { name: 'audit' }
  | { name: 'retention' }
  | { name: 'accounts' }
  | { name: 'notFound' };

const PATTERNS: [RegExp, (m: RegExpMatchArray) => Route][] = [
  [/^\/?$/, () => ({ name: 'home' })],
  [/^\/groups\/new$/, () => ({ name: 'newGroup' })],
  [/^\/groups\/([\w-]+)$/, (m) => ({ name: 'group', groupId: m[1]! })],
  [/^\/groups\/([\w-]+)\/plan$/, (m) => ({ name: 'plan', groupId: m[1]! })],
  [/^\/sessions\/([\w-]+)$/, (m) => ({ name: 'session', sessionId: m[1]! })],
  [/^\/account$/, () => ({ name: 'account' })],
  [/^\/invites\/([\w-]+)$/, (m) => ({ name: 'invite', token: m[1]! })],
  [/^\/sessions\/([\w-]+)\/review$/, (m) => ({ name: 'review', sessionId: m[1]! })],
  [/^\/admin\/audit$/, () => ({ name: 'audit' })],
  [/^\/admin\/retention$/, () => ({ name: 'retention' })],
  [/^\/admin\/accounts$/, () => ({ name: 'accounts' })],
];

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '');
  for (const [pattern, build] of PATTERNS) {
    const match = path.match(pattern);
    if (match) return build(match);
  }
  return { name: 'notFound' };
}

export function href(route: Route): string {
  switch (route.name) {
    case 'home':
    case 'notFound':
      return '#/';
    case 'newGroup':
      return '#/groups/new';
    case 'group':
      return `#/groups/${route.groupId}`;
    case 'plan':
      return `#/groups/${route.groupId}/plan`;
    case 'session':
      return `#/sessions/${route.sessionId}`;
    case 'account':
      return '#/account';
    case 'invite':
      return `#/invites/${route.token}`;
    case 'review':
      return `#/sessions/${route.sessionId}/review`;
    case 'audit':
      return '#/admin/audit';
    case 'retention':
      return '#/admin/retention';
    case 'accounts':
      return '#/admin/accounts';
    default:
      return route satisfies never;
  }
}

export function navigate(route: Route): void {
  window.location.hash = href(route);
}

function subscribe(listener: () => void) {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
}

/** The current route; the hash string is the snapshot, so equal routes do not re-render. */
export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}
