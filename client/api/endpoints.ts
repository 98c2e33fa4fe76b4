import { contract } from '../../shared/rest/contract.js';
import type { FirstAccountInput, GroupInput, SessionInputBody } from '../../shared/schemas/rest.js';
import { call } from './http.js';

/**
 * The REST calls of the app itself and the console, one each, typed by the contract
 * (shared/rest/contract.ts, docs/protocol.md §13). Feature pages keep theirs beside them.
 */

export const getSetup = () => call(contract.getSetup, {});
export const createFirstAccount = (input: FirstAccountInput) => call(contract.createFirstAccount, { body: input });

/** This server's https address as this screen reaches it; null when it serves no HTTPS itself. */
export const getNetwork = () => call(contract.getNetwork, {});

/** Who is signed in, and whether this screen is locked or must enrol in 2FA first. */
export const getMe = () => call(contract.getMe, {});

/** The password step; with 2FA on, the server answers `twoFactorRedirect` and no session yet. */
export const signInWithPassword = (email: string, password: string) => call(contract.signIn, { body: { email, password } });
export const verifyTotp = (code: string) => call(contract.verifyTotp, { body: { code } });
export const verifyBackupCode = (code: string) => call(contract.verifyBackupCode, { body: { code } });
export const signOut = () => call(contract.signOut, { body: {} });

export const listFacilitators = () => call(contract.listFacilitators, {});

export const listGroups = () => call(contract.listGroups, {});
export const getGroup = (groupId: string) => call(contract.getGroup, { params: { groupId } });
export const createGroup = (input: GroupInput) => call(contract.createGroup, { body: input });
export const updateGroup = (groupId: string, input: GroupInput) => call(contract.updateGroup, { params: { groupId }, body: input });

export const listGroupSessions = (groupId: string) => call(contract.listGroupSessions, { params: { groupId } });
export const createSession = (groupId: string, input: SessionInputBody) =>
  call(contract.createSession, { params: { groupId }, body: input });

export const listMySessions = () => call(contract.listMySessions, {});
export const getWorklist = () => call(contract.getWorklist, {});
export const getGroupTrends = (groupId: string) => call(contract.getGroupTrends, { params: { groupId } });
export const getSession = (sessionId: string) => call(contract.getSession, { params: { sessionId } });
