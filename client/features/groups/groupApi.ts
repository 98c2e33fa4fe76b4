import { contract } from '../../../shared/rest/contract.js';
import { call } from '../../api/http.js';

/** A group's reviewers and member erasure (docs/protocol.md §13), typed by the contract. */

export const listReviewers = (groupId: string) => call(contract.listReviewers, { params: { groupId } });
export const addReviewer = (groupId: string, userId: string) => call(contract.addReviewer, { params: { groupId }, body: { userId } });
export const removeReviewer = (groupId: string, userId: string) => call(contract.removeReviewer, { params: { groupId, userId } });

/** Replaces the member's name by a tombstone everywhere, for good (docs/privacy.md D11). */
export const eraseMember = (groupId: string, memberId: string) => call(contract.eraseMember, { params: { groupId, memberId } });
