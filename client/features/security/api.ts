import { contract } from '../../../shared/rest/contract.js';
import type { InviteAcceptInput, SettingsPatch } from '../../../shared/schemas/security.js';
import { call } from '../../api/http.js';

/** REST calls of sign-in security (docs/security.md): 2FA through better-auth, lock, invites; typed by the contract. */

export const enableTwoFactor = (password: string) => call(contract.enableTwoFactor, { body: { password } });
export const disableTwoFactor = (password: string) => call(contract.disableTwoFactor, { body: { password } });
export const newBackupCodes = (password: string) => call(contract.newBackupCodes, { body: { password } });

export const changePassword = (currentPassword: string, newPassword: string) =>
  call(contract.changePassword, { body: { currentPassword, newPassword, revokeOtherSessions: false } });

/** My sign-ins on every device (S44): never a token, and only my own can be ended. */
export const getMySignIns = () => call(contract.listMySignIns, {});
export const endMySignIn = (signInId: string) => call(contract.endMySignIn, { params: { signInId } });

export const getSettings = () => call(contract.getSettings, {});
export const saveSettings = (patch: SettingsPatch) => call(contract.saveSettings, { body: patch });

export const lockScreen = () => call(contract.lock, {});
export const unlockScreen = (password: string) => call(contract.unlock, { body: { password } });

export const createInvite = (groupId: string) => call(contract.createInvite, { params: { groupId } });
export const getInvite = (token: string) => call(contract.getInvite, { params: { token } });
export const acceptInvite = (token: string, input: InviteAcceptInput) => call(contract.acceptInvite, { params: { token }, body: input });
