import type { StateUpdate } from '../../shared/protocol.js';
import type { MeResponse } from '../../shared/schemas/security.js';
import type { AccountInput, GroupInput, GroupSummary, SessionInputBody, SessionSummary, UserSummary } from '../../shared/schemas/rest.js';
import { request } from './http.js';

/** Every REST call the console makes, one typed function each (docs/protocol.md §REST). */

export const getSetup = () => request<{ needsFirstAccount: boolean }>('GET', '/api/setup');
export const createFirstAccount = (input: AccountInput) => request<{ user: UserSummary }>('POST', '/api/setup', input);

/** This server's https address as this screen reaches it; null when it serves no HTTPS itself. */
export const getNetwork = () => request<{ secureUrl: string | null }>('GET', '/api/network');

/** Who is signed in, and whether this screen is locked or must enrol in 2FA first. */
export const getMe = () => request<MeResponse>('GET', '/api/me');

/** The password step; with 2FA on, the server answers `twoFactorRedirect` and no session yet. */
export const signInWithPassword = (email: string, password: string) =>
  request<{ twoFactorRedirect?: boolean }>('POST', '/api/auth/sign-in/email', { email, password });
export const verifyTotp = (code: string) => request<unknown>('POST', '/api/auth/two-factor/verify-totp', { code });
export const verifyBackupCode = (code: string) => request<unknown>('POST', '/api/auth/two-factor/verify-backup-code', { code });

export const signOut = () => request<unknown>('POST', '/api/auth/sign-out', {});

export const listFacilitators = () => request<{ facilitators: { id: string; name: string }[] }>('GET', '/api/facilitators');

export const listGroups = () => request<{ groups: GroupSummary[] }>('GET', '/api/groups');
export const getGroup = (id: string) => request<{ group: GroupSummary }>('GET', `/api/groups/${encodeURIComponent(id)}`);
export const createGroup = (input: GroupInput) => request<{ group: GroupSummary }>('POST', '/api/groups', input);
export const updateGroup = (id: string, input: GroupInput) =>
  request<{ group: GroupSummary }>('PUT', `/api/groups/${encodeURIComponent(id)}`, input);

export const listGroupSessions = (groupId: string) =>
  request<{ sessions: SessionSummary[] }>('GET', `/api/groups/${encodeURIComponent(groupId)}/sessions`);
export const createSession = (groupId: string, input: SessionInputBody) =>
  request<{ session: SessionSummary }>('POST', `/api/groups/${encodeURIComponent(groupId)}/sessions`, input);

export type MySession = SessionSummary & { groupName: string };
export const listMySessions = () => request<{ sessions: MySession[] }>('GET', '/api/sessions');
export const getSession = (id: string) =>
  request<{ session: SessionSummary; update: StateUpdate }>('GET', `/api/sessions/${encodeURIComponent(id)}`);
