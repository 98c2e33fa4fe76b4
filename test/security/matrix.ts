/**
 * The authorization matrix (docs/security.md "Authorization matrix"): every REST route × every
 * role. `allow` lists who may use a route; every other signed-in role must get 403 or 404 and a
 * signed-out caller 401. `public` routes answer everyone alike; `auth-library` routes are
 * better-auth's own endpoints (their sign-in checks are better-auth's, spot-checked separately).
 */
export const ROLES = ['signedOut', 'outsider', 'admin', 'reviewer', 'co', 'lead'] as const;
export type Role = (typeof ROLES)[number];
export type SignedInRole = Exclude<Role, 'signedOut'>;

export interface Ids {
  groupId: string;
  liveSessionId: string;
  endedSessionId: string;
  /** A member of its own for each role allowed to erase, so each erasure is a first one. */
  eraseMemberIds: Partial<Record<Role, string>>;
  reviewer2Id: string;
  coId: string;
  /** An account of its own for the lifecycle routes (disable, reset…), so no role loses its sign-in. */
  targetId: string;
  members: { id: string; name: string }[];
}

export interface Entry {
  access: 'public' | 'auth-library' | readonly SignedInRole[];
  /** Path with its parameters filled in. */
  path?: (ids: Ids, role: Role) => string;
  body?: (ids: Ids, role: Role) => unknown;
}

const SIGNED_IN: readonly SignedInRole[] = ['outsider', 'admin', 'reviewer', 'co', 'lead'];
const FACILITATORS: readonly SignedInRole[] = ['co', 'lead'];
const READERS: readonly SignedInRole[] = ['reviewer', 'co', 'lead'];
const group =
  (rest = '') =>
  (ids: Ids) =>
    `/api/groups/${ids.groupId}${rest}`;
const ended = (rest: string) => (ids: Ids) => `/api/sessions/${ids.endedSessionId}${rest}`;
let unique = 0;

export const MATRIX: Record<string, Entry> = {
  'GET /healthz': { access: 'public' },
  'GET /api/setup': { access: 'public' },
  // The members' rating pages (docs/security.md S48–S53): no sign-in, and one answer for everyone.
  'GET /r': { access: 'public' },
  'POST /r': { access: 'public', body: () => ({ code: 'AAAAAA' }) },
  'GET /r/:token': { access: 'public', path: () => `/r/${'x'.repeat(36)}.${'x'.repeat(24)}` },
  'POST /r/:token': { access: 'public', path: () => `/r/${'x'.repeat(36)}.${'x'.repeat(24)}`, body: () => ({ member: 'm' }) },
  'POST /api/setup': { access: 'public', body: () => ({ name: 'Late Comer', email: 'late@example.org', password: 'too late for setup' }) },
  'GET /api/invites/:token': { access: 'public', path: () => `/api/invites/${'x'.repeat(43)}` },
  'POST /api/invites/:token/accept': {
    access: 'public',
    path: () => `/api/invites/${'x'.repeat(43)}/accept`,
    body: () => ({ name: 'New Co', email: 'newco@example.org', password: 'a long enough one' }),
  },
  'GET /api/network': { access: 'public' },
  'GET /api/me': { access: SIGNED_IN },
  'GET /api/facilitators': { access: SIGNED_IN },
  'POST /api/accounts': {
    access: ['admin'],
    body: () => ({ name: 'Sky Ito', email: `sky${unique++}@example.org`, password: 'a long enough one' }),
  },
  'GET /api/accounts': { access: ['admin'] },
  'POST /api/accounts/:userId/disable': { access: ['admin'], path: (ids) => `/api/accounts/${ids.targetId}/disable`, body: () => ({}) },
  'POST /api/accounts/:userId/enable': { access: ['admin'], path: (ids) => `/api/accounts/${ids.targetId}/enable`, body: () => ({}) },
  'PUT /api/accounts/:userId/role': {
    access: ['admin'],
    path: (ids) => `/api/accounts/${ids.targetId}/role`,
    body: () => ({ admin: false }),
  },
  'POST /api/accounts/:userId/reset-password': {
    access: ['admin'],
    path: (ids) => `/api/accounts/${ids.targetId}/reset-password`,
    body: () => ({}),
  },
  'POST /api/accounts/:userId/sign-out-everywhere': {
    access: ['admin'],
    path: (ids) => `/api/accounts/${ids.targetId}/sign-out-everywhere`,
    body: () => ({}),
  },
  'GET /api/me/sign-ins': { access: SIGNED_IN },
  // Another account's sign-in (or none): 204 and nothing ended, for everyone alike.
  'DELETE /api/me/sign-ins/:signInId': { access: SIGNED_IN, path: () => '/api/me/sign-ins/not-one-of-mine' },
  'GET /api/settings': { access: SIGNED_IN },
  'PUT /api/settings': { access: ['admin'], body: () => ({ requireTwoFactor: false }) },
  'POST /api/unlock': { access: SIGNED_IN, body: () => ({ password: 'matrix password 123' }) },
  'POST /api/lock': { access: SIGNED_IN },
  'GET /api/groups': { access: SIGNED_IN },
  'POST /api/groups': { access: SIGNED_IN, body: () => ({ name: 'Another group', members: [{ name: 'Bo' }] }) },
  'GET /api/groups/:groupId': { access: READERS, path: group() },
  'PUT /api/groups/:groupId': {
    access: ['lead'],
    path: group(),
    body: (ids) => ({ name: 'Matrix group', members: ids.members, coFacilitatorId: ids.coId }),
  },
  'GET /api/groups/:groupId/sessions': { access: READERS, path: group('/sessions') },
  'POST /api/groups/:groupId/sessions': { access: FACILITATORS, path: group('/sessions'), body: () => ({}) },
  'GET /api/groups/:groupId/review': { access: READERS, path: group('/review') },
  'GET /api/groups/:groupId/trends': { access: READERS, path: group('/trends') },
  'POST /api/groups/:groupId/invites': { access: ['lead'], path: group('/invites'), body: () => ({}) },
  'GET /api/groups/:groupId/reviewers': { access: FACILITATORS, path: group('/reviewers') },
  'POST /api/groups/:groupId/reviewers': { access: ['lead'], path: group('/reviewers'), body: (ids) => ({ userId: ids.reviewer2Id }) },
  'DELETE /api/groups/:groupId/reviewers/:userId': {
    access: ['lead'],
    path: (ids) => `/api/groups/${ids.groupId}/reviewers/${ids.reviewer2Id}`,
  },
  'POST /api/groups/:groupId/members/:memberId/erase': {
    access: ['admin', 'lead'],
    path: (ids, role) => `/api/groups/${ids.groupId}/members/${ids.eraseMemberIds[role] ?? ids.eraseMemberIds.lead}/erase`,
    body: () => ({}),
  },
  'GET /api/sessions': { access: SIGNED_IN },
  'GET /api/me/worklist': { access: SIGNED_IN },
  'GET /api/sessions/:sessionId': { access: FACILITATORS, path: (ids) => `/api/sessions/${ids.liveSessionId}` },
  // Member voice (docs/ratings.md): the session's facilitators only; a reviewer never, not even of an ended session.
  'GET /api/sessions/:sessionId/ratings': { access: FACILITATORS, path: (ids) => `/api/sessions/${ids.liveSessionId}/ratings` },
  'POST /api/sessions/:sessionId/ratings/collect': {
    access: FACILITATORS,
    path: (ids) => `/api/sessions/${ids.liveSessionId}/ratings/collect`,
  },
  'POST /api/sessions/:sessionId/ratings/stop': { access: FACILITATORS, path: (ids) => `/api/sessions/${ids.liveSessionId}/ratings/stop` },
  'GET /api/sessions/:sessionId/ratings/link': { access: FACILITATORS, path: (ids) => `/api/sessions/${ids.liveSessionId}/ratings/link` },
  'GET /api/sessions/:sessionId/log': { access: FACILITATORS, path: ended('/log') },
  'GET /api/sessions/:sessionId/review': { access: READERS, path: ended('/review') },
  'GET /api/sessions/:sessionId/export.json': { access: READERS, path: ended('/export.json') },
  'GET /api/sessions/:sessionId/export.csv': { access: READERS, path: ended('/export.csv') },
  'GET /api/sessions/:sessionId/members.csv': { access: READERS, path: ended('/members.csv') },
  'GET /api/sessions/:sessionId/ratings.csv': { access: READERS, path: ended('/ratings.csv') },
  'POST /api/sessions/:sessionId/sign': { access: FACILITATORS, path: ended('/sign'), body: () => ({}) },
  'POST /api/sessions/:sessionId/addenda': {
    access: FACILITATORS,
    path: ended('/addenda'),
    body: () => ({ text: 'Checked the attendance.' }),
  },
  'GET /api/sessions/:sessionId/progress-notes': { access: READERS, path: ended('/progress-notes') },
  'PUT /api/sessions/:sessionId/progress-notes/:memberId': {
    access: FACILITATORS,
    path: (ids) => `/api/sessions/${ids.endedSessionId}/progress-notes/${ids.members[0]!.id}`,
    body: () => ({ baseVersion: 0, fields: { presentation: 'Calm.', participation: '', interventions: '', response: '', plan: '' } }),
  },
  'POST /api/sessions/:sessionId/progress-notes/:memberId/addenda': {
    access: FACILITATORS,
    path: (ids) => `/api/sessions/${ids.endedSessionId}/progress-notes/${ids.members[0]!.id}/addenda`,
    body: () => ({ text: 'Checked the attendance.' }),
  },
  'GET /api/admin/retention': { access: ['admin'] },
  'PUT /api/admin/retention': { access: ['admin'], body: () => ({ retentionDays: null }) },
  'POST /api/admin/purge': { access: ['admin'], body: () => ({}) },
  'GET /api/audit': { access: ['admin'] },
  'GET /api/audit.csv': { access: ['admin'] },
};

/** better-auth's endpoints, mounted whole behind one chain of our guards (auth-routes.ts, S21). */
MATRIX['ALL /api/auth/{*rest}'] = { access: 'auth-library' };
