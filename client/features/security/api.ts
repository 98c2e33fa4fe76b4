import type { SignInSummary } from '../../../shared/schemas/accounts.js';
import type { UserSummary } from '../../../shared/schemas/rest.js';
import type { InviteAcceptInput, InviteCreated, InviteInfo, SecuritySettings, SettingsPatch } from '../../../shared/schemas/security.js';
import { request } from '../../api/http.js';

/** REST calls of sign-in security (docs/security.md): 2FA through better-auth, lock, invites. */

const enc = encodeURIComponent;

export const enableTwoFactor = (password: string) =>
  request<{ totpURI: string; backupCodes: string[] }>('POST', '/api/auth/two-factor/enable', { password });
export const disableTwoFactor = (password: string) => request<unknown>('POST', '/api/auth/two-factor/disable', { password });
export const newBackupCodes = (password: string) =>
  request<{ backupCodes: string[] }>('POST', '/api/auth/two-factor/generate-backup-codes', { password });

export const changePassword = (currentPassword: string, newPassword: string) =>
  request<unknown>('POST', '/api/auth/change-password', { currentPassword, newPassword, revokeOtherSessions: false });

/** My sign-ins on every device (S44): never a token, and only my own can be ended. */
export const getMySignIns = () => request<{ signIns: SignInSummary[] }>('GET', '/api/me/sign-ins');
export const endMySignIn = (signInId: string) => request<null>('DELETE', `/api/me/sign-ins/${enc(signInId)}`);

export const getSettings = () => request<{ settings: SecuritySettings }>('GET', '/api/settings');
export const saveSettings = (patch: SettingsPatch) => request<{ settings: SecuritySettings }>('PUT', '/api/settings', patch);

export const lockScreen = () => request<null>('POST', '/api/lock', {});
export const unlockScreen = (password: string) => request<null>('POST', '/api/unlock', { password });

export const createInvite = (groupId: string) => request<InviteCreated>('POST', `/api/groups/${enc(groupId)}/invites`, {});
export const getInvite = (token: string) => request<InviteInfo>('GET', `/api/invites/${enc(token)}`);
export const acceptInvite = (token: string, input: InviteAcceptInput) =>
  request<{ user: UserSummary; groupId: string }>('POST', `/api/invites/${enc(token)}/accept`, input);
